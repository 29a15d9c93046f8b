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
