<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppointmentsView</name>
    <message numerus="yes">
        <source>%Ln appointment(s), {hours} h</source>
        <translation>
            <numerusform>%Ln appointment, {hours} h</numerusform>
            <numerusform>%Ln appointments, {hours} h</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message numerus="yes">
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln case</numerusform>
            <numerusform>%Ln cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CollectedGapsView</name>
    <message numerus="yes">
        <source>%Ln structural gap(s)</source>
        <translation>
            <numerusform>%Ln structural gap</numerusform>
            <numerusform>%Ln structural gaps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message numerus="yes">
        <source>%Ln note(s) or goal text(s) of cases that stay name an erased person and are emptied.</source>
        <translation>
            <numerusform>%Ln note or goal text of cases that stay names an erased person and is emptied.</numerusform>
            <numerusform>%Ln notes or goal texts of cases that stay name an erased person and are emptied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln restricted client(s) (Art. 18 GDPR) and their cases are left out; lift a restriction to erase.</source>
        <translation>
            <numerusform>%Ln restricted client (Art. 18 GDPR) and their cases are left out; lift the restriction to erase.</numerusform>
            <numerusform>%Ln restricted clients (Art. 18 GDPR) and their cases are left out; lift a restriction to erase.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message numerus="yes">
        <source>%Ln restricted client(s) (Art. 18 GDPR) are due but kept while restricted.</source>
        <translation>
            <numerusform>%Ln restricted client (Art. 18 GDPR) is due but kept while restricted.</numerusform>
            <numerusform>%Ln restricted clients (Art. 18 GDPR) are due but kept while restricted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The figures of %Ln ended year(s) and quarter(s) are kept.</source>
        <translation>
            <numerusform>The figures of %Ln ended year or quarter are kept.</numerusform>
            <numerusform>The figures of %Ln ended years and quarters are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln case</numerusform>
            <numerusform>%Ln cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln client(s)</source>
        <translation>
            <numerusform>%Ln client</numerusform>
            <numerusform>%Ln clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln appointment(s)</source>
        <translation>
            <numerusform>%Ln appointment</numerusform>
            <numerusform>%Ln appointments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln goal(s)</source>
        <translation>
            <numerusform>%Ln goal</numerusform>
            <numerusform>%Ln goals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln referral(s)</source>
        <translation>
            <numerusform>%Ln referral</numerusform>
            <numerusform>%Ln referrals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln assessment(s)</source>
        <translation>
            <numerusform>%Ln assessment</numerusform>
            <numerusform>%Ln assessments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln consent(s)</source>
        <translation>
            <numerusform>%Ln consent</numerusform>
            <numerusform>%Ln consents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsaved form(s)</source>
        <translation>
            <numerusform>%Ln unsaved form</numerusform>
            <numerusform>%Ln unsaved forms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GoalsTab</name>
    <message numerus="yes">
        <source>Its %n agreed step(s) go with it.</source>
        <translation>
            <numerusform>Its agreed step goes with it.</numerusform>
            <numerusform>Its %n agreed steps go with it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%Ln record(s) added.</source>
        <translation>
            <numerusform>%Ln record added.</numerusform>
            <numerusform>%Ln records added.</numerusform>
        </translation>
    </message>
</context>
</TS>
