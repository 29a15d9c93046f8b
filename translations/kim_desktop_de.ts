<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Abgebrochen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the file is damaged. The file was not changed.</source>
        <translation>Falsche Passphrase oder die Datei ist beschädigt. Die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The data was rejected; nothing was written.</source>
        <translation>Die Daten wurden abgelehnt; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The input was rejected; nothing was written.</source>
        <translation>Die Eingabe wurde abgelehnt; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>An unexpected error occurred ({name}). Your data was not changed by it.</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten ({name}). Ihre Daten wurden dadurch nicht verändert.</translation>
    </message>
</context>
<context>
    <name>AddMemberDialog</name>
    <message>
        <source>Add member</source>
        <translation>Person hinzufügen</translation>
    </message>
    <message>
        <source>Create a &amp;new client …</source>
        <translation>&amp;Neue Klient:in anlegen …</translation>
    </message>
    <message>
        <source>Create a new client</source>
        <translation>Neue Klient:in anlegen</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Klient:in:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Choose or create a client first.</source>
        <translation>Bitte zuerst eine Klient:in auswählen oder anlegen.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Demo file with invented data; passphrase: {passphrase}</source>
        <translation>Demo-Datei mit erfundenen Daten; Passphrase: {passphrase}</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <source>Appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>(the case&apos;s municipality)</source>
        <translation>(Kommune des Falls)</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Minutes:</source>
        <translation>Dau&amp;er (Minuten):</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Type of work:</source>
        <translation>Art der &amp;Tätigkeit:</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Kontaktweg:</translation>
    </message>
    <message>
        <source>&amp;Interpreting:</source>
        <translation>&amp;Sprachmittlung:</translation>
    </message>
    <message>
        <source>&amp;Participants:</source>
        <translation>Teil&amp;nehmende:</translation>
    </message>
    <message>
        <source>M&amp;unicipality:</source>
        <translation>K&amp;ommune:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Noti&amp;zen:</translation>
    </message>
</context>
<context>
    <name>AppointmentsView</name>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>Shown span</source>
        <translation>Angezeigter Zeitraum</translation>
    </message>
    <message>
        <source>Shown date</source>
        <translation>Angezeigtes Datum</translation>
    </message>
    <message>
        <source>◀ &amp;Earlier</source>
        <translation>◀ &amp;Früher</translation>
    </message>
    <message>
        <source>&amp;Later ▶</source>
        <translation>&amp;Später ▶</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Heute</translation>
    </message>
    <message>
        <source>New &amp;counselling appointment …</source>
        <translation>Neuer &amp;Beratungstermin …</translation>
    </message>
    <message>
        <source>New &amp;other work …</source>
        <translation>Neuer &amp;sonstiger Termin …</translation>
    </message>
    <message>
        <source>&amp;Edit …</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Delete …</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Client or type</source>
        <translation>Klient:in oder Art</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>{count} appointments, {hours} hours</source>
        <translation>{count} Termine, {hours} Stunden</translation>
    </message>
    <message>
        <source>Delete appointment</source>
        <translation>Termin löschen</translation>
    </message>
    <message>
        <source>Delete the appointment of {date}? This cannot be undone.</source>
        <translation>Den Termin vom {date} löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>AssessmentDialog</name>
    <message>
        <source>New assessment</source>
        <translation>Neues Assessment</translation>
    </message>
    <message>
        <source>Assessed on</source>
        <translation>Erhoben am</translation>
    </message>
    <message>
        <source>(the whole case)</source>
        <translation>(der ganze Fall)</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Concerns:</source>
        <translation>&amp;Betrifft:</translation>
    </message>
    <message>
        <source>– not rated</source>
        <translation>– nicht bewertet</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Noti&amp;zen:</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <source>no need</source>
        <translation>kein Bedarf</translation>
    </message>
    <message>
        <source>low need</source>
        <translation>geringer Bedarf</translation>
    </message>
    <message>
        <source>medium need</source>
        <translation>mittlerer Bedarf</translation>
    </message>
    <message>
        <source>high need</source>
        <translation>hoher Bedarf</translation>
    </message>
</context>
<context>
    <name>CaseDetailWidget</name>
    <message>
        <source>Primary person</source>
        <translation>Hauptperson</translation>
    </message>
    <message>
        <source>Case facts</source>
        <translation>Falldaten</translation>
    </message>
    <message>
        <source>P&amp;hase:</source>
        <translation>P&amp;hase:</translation>
    </message>
    <message>
        <source>Close &amp;case …</source>
        <translation>Fall ab&amp;schließen …</translation>
    </message>
    <message>
        <source>Reop&amp;en …</source>
        <translation>Wieder &amp;öffnen …</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Parts of the case</source>
        <translation>Bereiche des Falls</translation>
    </message>
    <message>
        <source>&amp;Persons</source>
        <translation>&amp;Personen</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>&amp;Assessment</translation>
    </message>
    <message>
        <source>&amp;Goals</source>
        <translation>&amp;Ziele</translation>
    </message>
    <message>
        <source>Appoint&amp;ments</source>
        <translation>&amp;Termine</translation>
    </message>
    <message>
        <source>&amp;Referrals</source>
        <translation>&amp;Verweise</translation>
    </message>
    <message>
        <source>&amp;Notes &amp;&amp; follow-up</source>
        <translation>&amp;Notizen &amp;&amp; Wiedervorlage</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Staatsangehörigkeit</translation>
    </message>
    <message>
        <source>Residence status</source>
        <translation>Aufenthaltsstatus</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Personen im Fall</translation>
    </message>
    <message>
        <source>A&amp;dd member …</source>
        <translation>Person &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Edit c&amp;lient …</source>
        <translation>Klient:in &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>Make primar&amp;y</source>
        <translation>Zur &amp;Hauptperson machen</translation>
    </message>
    <message>
        <source>Remo&amp;ve from case …</source>
        <translation>Aus dem Fall &amp;entfernen …</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Erteilt</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Consents of the selected member</source>
        <translation>Einwilligungen der ausgewählten Person</translation>
    </message>
    <message>
        <source>Record con&amp;sent …</source>
        <translation>Einwilligung &amp;erfassen …</translation>
    </message>
    <message>
        <source>&amp;Withdraw …</source>
        <translation>&amp;Widerrufen …</translation>
    </message>
    <message>
        <source>Mem&amp;bers:</source>
        <translation>Personen im &amp;Fall:</translation>
    </message>
    <message>
        <source>C&amp;onsents of the selected member:</source>
        <translation>Einwilligungen der ausgewählten &amp;Person:</translation>
    </message>
    <message>
        <source>Needs by life area and date</source>
        <translation>Bedarfe nach Lebensbereich und Datum</translation>
    </message>
    <message>
        <source>Ne&amp;w assessment …</source>
        <translation>Neues &amp;Assessment …</translation>
    </message>
    <message>
        <source>0 no need · 1 low · 2 medium · 3 high need; one column per date.</source>
        <translation>0 kein Bedarf · 1 gering · 2 mittel · 3 hoher Bedarf; eine Spalte je Datum.</translation>
    </message>
    <message>
        <source>Needs &amp;by life area:</source>
        <translation>Bedarfe nach &amp;Lebensbereich:</translation>
    </message>
    <message>
        <source>Life area</source>
        <translation>Lebensbereich</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Vereinbart</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>Agree g&amp;oal …</source>
        <translation>Ziel &amp;vereinbaren …</translation>
    </message>
    <message>
        <source>&amp;Set status …</source>
        <translation>&amp;Status setzen …</translation>
    </message>
    <message>
        <source>Agreed goa&amp;ls:</source>
        <translation>Vereinbarte &amp;Ziele:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kontaktweg</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Ne&amp;w appointment …</source>
        <translation>&amp;Neuer Termin …</translation>
    </message>
    <message>
        <source>New appointment (Ctrl+T)</source>
        <translation>Neuer Termin (Strg+T)</translation>
    </message>
    <message>
        <source>E&amp;dit …</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>De&amp;lete …</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Appointments of the ca&amp;se:</source>
        <translation>Termine des &amp;Falls:</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Verweise</translation>
    </message>
    <message>
        <source>Re&amp;fer …</source>
        <translation>&amp;Verweisen …</translation>
    </message>
    <message>
        <source>&amp;Outcome of the selected referral:</source>
        <translation>&amp;Ergebnis des ausgewählten Verweises:</translation>
    </message>
    <message>
        <source>Referra&amp;ls:</source>
        <translation>Ver&amp;weise:</translation>
    </message>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>Follow-up date set</source>
        <translation>Wiedervorlage gesetzt</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Wiedervorlagedatum</translation>
    </message>
    <message>
        <source>Saving state</source>
        <translation>Speicherstand</translation>
    </message>
    <message>
        <source>Saved automatically while you type. Closing a case clears its follow-up date.</source>
        <translation>Wird beim Tippen automatisch gespeichert. Beim Abschluss eines Falls entfällt die Wiedervorlage.</translation>
    </message>
    <message>
        <source>Case no&amp;tes:</source>
        <translation>&amp;Notizen zum Fall:</translation>
    </message>
    <message>
        <source>&amp;Follow-up (Wiedervorlage):</source>
        <translation>&amp;Wiedervorlage:</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Event&amp;s in date order:</source>
        <translation>&amp;Ereignisse nach Datum:</translation>
    </message>
    <message>
        <source>Case opened: {what}</source>
        <translation>Fall aufgenommen: {what}</translation>
    </message>
    <message>
        <source>Case opened</source>
        <translation>Fall aufgenommen</translation>
    </message>
    <message>
        <source>Consent given: {what}</source>
        <translation>Einwilligung erteilt: {what}</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Einwilligung erteilt</translation>
    </message>
    <message>
        <source>Phase changed to {what}</source>
        <translation>Phase gewechselt zu {what}</translation>
    </message>
    <message>
        <source>Phase changed</source>
        <translation>Phase gewechselt</translation>
    </message>
    <message>
        <source>Appointment: {what}</source>
        <translation>Termin: {what}</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>Goal agreed: {what}</source>
        <translation>Ziel vereinbart: {what}</translation>
    </message>
    <message>
        <source>Goal agreed</source>
        <translation>Ziel vereinbart</translation>
    </message>
    <message>
        <source>Referral to {what}</source>
        <translation>Verweis an {what}</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Verweis</translation>
    </message>
    <message>
        <source>Goal closed: {what}</source>
        <translation>Ziel abgeschlossen: {what}</translation>
    </message>
    <message>
        <source>Goal closed</source>
        <translation>Ziel abgeschlossen</translation>
    </message>
    <message>
        <source>Consent withdrawn: {what}</source>
        <translation>Einwilligung widerrufen: {what}</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Einwilligung widerrufen</translation>
    </message>
    <message>
        <source>Case closed: {what}</source>
        <translation>Fall abgeschlossen: {what}</translation>
    </message>
    <message>
        <source>Case closed</source>
        <translation>Fall abgeschlossen</translation>
    </message>
    <message>
        <source>Case reopened in phase {what}</source>
        <translation>Fall wieder geöffnet in Phase {what}</translation>
    </message>
    <message>
        <source>Case reopened</source>
        <translation>Fall wieder geöffnet</translation>
    </message>
    <message>
        <source>opened {date}</source>
        <translation>aufgenommen {date}</translation>
    </message>
    <message>
        <source>closed {date}</source>
        <translation>abgeschlossen {date}</translation>
    </message>
    <message>
        <source>phase: {phase} since {date}</source>
        <translation>Phase: {phase} seit {date}</translation>
    </message>
    <message>
        <source>follow-up {date}</source>
        <translation>Wiedervorlage {date}</translation>
    </message>
    <message>
        <source>No case chosen</source>
        <translation>Kein Fall ausgewählt</translation>
    </message>
    <message>
        <source>Remove {name} from this case? The client&apos;s record stays in the file.</source>
        <translation>{name} aus diesem Fall entfernen? Die Daten der Person bleiben in der Datei.</translation>
    </message>
    <message>
        <source>{other} becomes the primary person.</source>
        <translation>{other} wird Hauptperson.</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Person entfernen</translation>
    </message>
    <message>
        <source>Delete the appointment of {date} ({minutes} min)? This cannot be undone.</source>
        <translation>Den Termin vom {date} ({minutes} Min.) löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete appointment</source>
        <translation>Termin löschen</translation>
    </message>
    <message>
        <source>Notes saved.</source>
        <translation>Notizen gespeichert.</translation>
    </message>
    <message>
        <source>Follow-up saved.</source>
        <translation>Wiedervorlage gespeichert.</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aufgenommen</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
</context>
<context>
    <name>CasePickerDialog</name>
    <message>
        <source>Choose a case</source>
        <translation>Fall auswählen</translation>
    </message>
    <message>
        <source>Type part of a name …</source>
        <translation>Teil eines Namens eingeben …</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Fälle suchen</translation>
    </message>
    <message>
        <source>Matching open cases</source>
        <translation>Passende offene Fälle</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Auswählen</translation>
    </message>
</context>
<context>
    <name>CasesView</name>
    <message>
        <source>Search names … (Ctrl+F)</source>
        <translation>Namen suchen … (Strg+F)</translation>
    </message>
    <message>
        <source>Search names</source>
        <translation>Namen suchen</translation>
    </message>
    <message>
        <source>Open or closed</source>
        <translation>Offen oder abgeschlossen</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Offene Fälle</translation>
    </message>
    <message>
        <source>Closed cases</source>
        <translation>Abgeschlossene Fälle</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Alle Fälle</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Number of cases shown</source>
        <translation>Anzahl angezeigter Fälle</translation>
    </message>
    <message>
        <source>&amp;New case …</source>
        <translation>&amp;Neuer Fall …</translation>
    </message>
    <message>
        <source>New c&amp;lient …</source>
        <translation>Neue &amp;Klient:in …</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Cases and clients</source>
        <translation>Fälle und Klient:innen</translation>
    </message>
    <message>
        <source>All phases</source>
        <translation>Alle Phasen</translation>
    </message>
    <message>
        <source>Both tracks</source>
        <translation>Beide Verfahren</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Alle Kommunen</translation>
    </message>
    <message>
        <source>{count} cases</source>
        <translation>{count} Fälle</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>Edit client</source>
        <translation>Klient:in bearbeiten</translation>
    </message>
    <message>
        <source>known</source>
        <translation>bekannt</translation>
    </message>
    <message>
        <source>e.g. ar, ku, de</source>
        <translation>z. B. ar, ku, de</translation>
    </message>
    <message>
        <source>&amp;Family name:</source>
        <translation>&amp;Familienname:</translation>
    </message>
    <message>
        <source>&amp;Given name:</source>
        <translation>&amp;Vorname:</translation>
    </message>
    <message>
        <source>&amp;Birth date:</source>
        <translation>&amp;Geburtsdatum:</translation>
    </message>
    <message>
        <source>G&amp;ender:</source>
        <translation>G&amp;eschlecht:</translation>
    </message>
    <message>
        <source>&amp;Nationality:</source>
        <translation>&amp;Staatsangehörigkeit:</translation>
    </message>
    <message>
        <source>&amp;Languages:</source>
        <translation>Sp&amp;rachen:</translation>
    </message>
    <message>
        <source>&amp;Arrival date:</source>
        <translation>Ein&amp;reise:</translation>
    </message>
    <message>
        <source>&amp;Residence status:</source>
        <translation>&amp;Aufenthaltsstatus:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-&amp;Mail:</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>A&amp;dresse:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>Noti&amp;zen:</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <source>Type part of a name …</source>
        <translation>Teil eines Namens eingeben …</translation>
    </message>
    <message>
        <source>Search client</source>
        <translation>Klient:in suchen</translation>
    </message>
    <message>
        <source>Matching clients</source>
        <translation>Passende Klient:innen</translation>
    </message>
</context>
<context>
    <name>CloseCaseDialog</name>
    <message>
        <source>Close case</source>
        <translation>Fall abschließen</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Abgeschlossen am</translation>
    </message>
    <message>
        <source>&amp;Closed on:</source>
        <translation>&amp;Abgeschlossen am:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Closing clears the follow-up date.</source>
        <translation>Mit dem Abschluss entfällt die Wiedervorlage.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Record consent</source>
        <translation>Einwilligung erfassen</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Erteilt am</translation>
    </message>
    <message>
        <source>e.g. 2024-1</source>
        <translation>z. B. 2024-1</translation>
    </message>
    <message>
        <source>language of the form, e.g. de, ar</source>
        <translation>Sprache des Formulars, z. B. de, ar</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Klient:in:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>&amp;Empfänger:</translation>
    </message>
    <message>
        <source>&amp;Given on:</source>
        <translation>Erteilt a&amp;m:</translation>
    </message>
    <message>
        <source>&amp;Form version:</source>
        <translation>&amp;Formularversion:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
</context>
<context>
    <name>GapsView</name>
    <message>
        <source>Structural gaps</source>
        <translation>Strukturlücken</translation>
    </message>
    <message>
        <source>&amp;New structural gap</source>
        <translation>&amp;Neue Strukturlücke</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Mark as &amp;reported</source>
        <translation>Als &amp;gemeldet markieren</translation>
    </message>
    <message>
        <source>&amp;Delete …</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Describe the problem, not the person: no names, dates of birth, addresses or file numbers. Only reported gaps are counted.</source>
        <translation>Beschreiben Sie das Problem, nicht die Person: keine Namen, Geburtsdaten, Adressen oder Aktenzeichen. Gezählt werden nur gemeldete Lücken.</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Kommune:</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>T&amp;hema:</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>reported {date}</source>
        <translation>gemeldet {date}</translation>
    </message>
    <message>
        <source>reported on {date}</source>
        <translation>gemeldet am {date}</translation>
    </message>
    <message>
        <source>draft (not yet reported)</source>
        <translation>Entwurf (noch nicht gemeldet)</translation>
    </message>
    <message>
        <source>Title and municipality are needed; not saved yet.</source>
        <translation>Titel und Kommune werden benötigt; noch nicht gespeichert.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>New structural gap</source>
        <translation>Neue Strukturlücke</translation>
    </message>
    <message>
        <source>Municipality concerned:</source>
        <translation>Betroffene Kommune:</translation>
    </message>
    <message>
        <source>Delete structural gap</source>
        <translation>Strukturlücke löschen</translation>
    </message>
    <message>
        <source>Delete the structural gap “{title}”? This cannot be undone.</source>
        <translation>Die Strukturlücke „{title}“ löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <source>Agree goal</source>
        <translation>Ziel vereinbaren</translation>
    </message>
    <message>
        <source>Agreed on</source>
        <translation>Vereinbart am</translation>
    </message>
    <message>
        <source>due</source>
        <translation>fällig</translation>
    </message>
    <message>
        <source>Has a due date</source>
        <translation>Hat ein Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>&amp;Life area:</source>
        <translation>&amp;Lebensbereich:</translation>
    </message>
    <message>
        <source>&amp;Goal:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>&amp;Agreed on:</source>
        <translation>&amp;Vereinbart am:</translation>
    </message>
    <message>
        <source>D&amp;ue on:</source>
        <translation>&amp;Fällig am:</translation>
    </message>
</context>
<context>
    <name>GoalStatusDialog</name>
    <message>
        <source>Goal status</source>
        <translation>Zielstatus</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Abgeschlossen am</translation>
    </message>
    <message>
        <source>Goal:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Closed on:</source>
        <translation>&amp;Abgeschlossen am:</translation>
    </message>
</context>
<context>
    <name>LocationPage</name>
    <message>
        <source>Where should the file be kept?</source>
        <translation>Wo soll die Datei liegen?</translation>
    </message>
    <message>
        <source>Keep it on this laptop&apos;s own disk, not on a shared drive. Make backups to an encrypted USB stick.</source>
        <translation>Auf der eigenen Festplatte dieses Laptops, nicht auf einem Netzlaufwerk. Sicherungen auf einen verschlüsselten USB-Stick.</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
    <message>
        <source>C&amp;hoose …</source>
        <translation>&amp;Auswählen …</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>New case file</source>
        <translation>Neue Falldatei</translation>
    </message>
    <message>
        <source>KIM case files (*.kim);;All files (*)</source>
        <translation>KIM-Falldateien (*.kim);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>This file exists already. Choose another name.</source>
        <translation>Diese Datei gibt es schon. Bitte einen anderen Namen wählen.</translation>
    </message>
    <message>
        <source>This folder does not exist.</source>
        <translation>Diesen Ordner gibt es nicht.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>Open &amp;another case file …</source>
        <translation>&amp;Andere Falldatei öffnen …</translation>
    </message>
    <message>
        <source>Enter the passphrase to continue. Everything you saved is in the file.</source>
        <translation>Geben Sie die Passphrase ein, um weiterzuarbeiten. Alles Gespeicherte ist in der Datei.</translation>
    </message>
    <message>
        <source>{name} is locked</source>
        <translation>{name} ist gesperrt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>&amp;Import records (JSON) …</source>
        <translation>Datensätze &amp;importieren (JSON) …</translation>
    </message>
    <message>
        <source>&amp;Export everything (JSON) …</source>
        <translation>Alles &amp;exportieren (JSON) …</translation>
    </message>
    <message>
        <source>&amp;Back up …</source>
        <translation>&amp;Sicherung erstellen …</translation>
    </message>
    <message>
        <source>Change &amp;passphrase …</source>
        <translation>&amp;Passphrase ändern …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language …</source>
        <translation>&amp;Sprache …</translation>
    </message>
    <message>
        <source>&amp;Auto-lock …</source>
        <translation>Automatische &amp;Sperre …</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About KIM Desktop</source>
        <translation>Ü&amp;ber KIM Desktop</translation>
    </message>
    <message>
        <source>Coordination</source>
        <translation>Koordination</translation>
    </message>
    <message>
        <source>Case management</source>
        <translation>Fallmanagement</translation>
    </message>
    <message>
        <source>KIM Desktop – {name}</source>
        <translation>KIM Desktop – {name}</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Open case file</source>
        <translation>Falldatei öffnen</translation>
    </message>
    <message>
        <source>KIM case files (*.kim);;All files (*)</source>
        <translation>KIM-Falldateien (*.kim);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import records</source>
        <translation>Datensätze importieren</translation>
    </message>
    <message>
        <source>Interchange files (*.json)</source>
        <translation>Austauschdateien (*.json)</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>{count} records were added.</source>
        <translation>{count} Datensätze wurden hinzugefügt.</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Importing …</source>
        <translation>Importieren …</translation>
    </message>
    <message>
        <source>Export everything</source>
        <translation>Alles exportieren</translation>
    </message>
    <message>
        <source>The export contains all personal data of this case file, unencrypted. Only save it to an encrypted place and delete it when it is no longer needed. Continue?</source>
        <translation>Der Export enthält alle personenbezogenen Daten dieser Falldatei unverschlüsselt. Speichern Sie ihn nur an einem verschlüsselten Ort und löschen Sie ihn, sobald er nicht mehr gebraucht wird. Fortfahren?</translation>
    </message>
    <message>
        <source>Exported.</source>
        <translation>Exportiert.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Exporting …</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Back up case file</source>
        <translation>Falldatei sichern</translation>
    </message>
    <message>
        <source>KIM case files (*.kim)</source>
        <translation>KIM-Falldateien (*.kim)</translation>
    </message>
    <message>
        <source>Backup written and verified.</source>
        <translation>Sicherung geschrieben und geprüft.</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Sicherung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Backing up …</source>
        <translation>Sichern …</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Passphrase ändern</translation>
    </message>
    <message>
        <source>New passphrase:</source>
        <translation>Neue Passphrase:</translation>
    </message>
    <message>
        <source>Repeat the new passphrase:</source>
        <translation>Neue Passphrase wiederholen:</translation>
    </message>
    <message>
        <source>The two entries differ. The passphrase was not changed.</source>
        <translation>Die beiden Eingaben unterscheiden sich. Die Passphrase wurde nicht geändert.</translation>
    </message>
    <message>
        <source>Passphrase changed.</source>
        <translation>Passphrase geändert.</translation>
    </message>
    <message>
        <source>Passphrase not changed</source>
        <translation>Passphrase nicht geändert</translation>
    </message>
    <message>
        <source>Re-encrypting the case file …</source>
        <translation>Falldatei wird neu verschlüsselt …</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Language of the program (after restart):</source>
        <translation>Sprache des Programms (nach Neustart):</translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation>Automatische Sperre</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes:</source>
        <translation>Sperren nach so vielen Minuten ohne Eingabe:</translation>
    </message>
    <message>
        <source>About KIM Desktop</source>
        <translation>Über KIM Desktop</translation>
    </message>
    <message>
        <source>KIM Desktop {version}

The encrypted case file for Kommunales Integrationsmanagement NRW.</source>
        <translation>KIM Desktop {version}

Die verschlüsselte Falldatei für das Kommunale Integrationsmanagement NRW.</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>Neuer Fall</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;new&quot;&gt;Create a new client …&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;new&quot;&gt;Neue Klient:in anlegen …&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>Aufgenommen am</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Klient:in:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Kommune:</translation>
    </message>
    <message>
        <source>&amp;Track:</source>
        <translation>&amp;Verfahren:</translation>
    </message>
    <message>
        <source>&amp;Opened on:</source>
        <translation>&amp;Aufgenommen am:</translation>
    </message>
    <message>
        <source>Choose or create a client first.</source>
        <translation>Bitte zuerst eine Klient:in auswählen oder anlegen.</translation>
    </message>
</context>
<context>
    <name>NewFileWizard</name>
    <message>
        <source>New case file</source>
        <translation>Neue Falldatei</translation>
    </message>
    <message>
        <source>Case file not created</source>
        <translation>Falldatei nicht angelegt</translation>
    </message>
    <message>
        <source>Creating the case file …</source>
        <translation>Falldatei wird angelegt …</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Offene Fälle</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>Structural gap (draft)</source>
        <translation>Strukturlücke (Entwurf)</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>Überfällige Wiedervorlagen</translation>
    </message>
    <message>
        <source>Follow-ups in the next 7 days</source>
        <translation>Wiedervorlagen in den nächsten 7 Tagen</translation>
    </message>
    <message>
        <source>Appointments this week</source>
        <translation>Termine dieser Woche</translation>
    </message>
    <message>
        <source>Open cases by phase</source>
        <translation>Offene Fälle nach Phase</translation>
    </message>
    <message>
        <source>Clients without documented consent</source>
        <translation>Klient:innen ohne dokumentierte Einwilligung</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Press Enter or double-click a line to open its case.</source>
        <translation>Mit Enter oder Doppelklick öffnen Sie den Fall einer Zeile.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Today is {date}</source>
        <translation>Heute ist der {date}</translation>
    </message>
</context>
<context>
    <name>OwnerPage</name>
    <message>
        <source>Who works with this file?</source>
        <translation>Wer arbeitet mit dieser Datei?</translation>
    </message>
    <message>
        <source>A case file belongs to one person. Its name appears on printed documents and in the audit trail.</source>
        <translation>Eine Falldatei gehört einer Person. Ihr Name erscheint auf Ausdrucken und im Protokoll.</translation>
    </message>
    <message>
        <source>&amp;Case management (Fallmanagement)</source>
        <translation>&amp;Fallmanagement (Case Management)</translation>
    </message>
    <message>
        <source>C&amp;oordination office (Koordinierungsstelle)</source>
        <translation>&amp;Koordinierungsstelle</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <source>e.g. Rhein-Sieg-Kreis</source>
        <translation>z. B. Rhein-Sieg-Kreis</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>&amp;District:</source>
        <translation>K&amp;reis oder kreisfreie Stadt:</translation>
    </message>
</context>
<context>
    <name>PassphrasePage</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>Passphrase wählen</translation>
    </message>
    <message>
        <source>At least {n} characters. A sentence of several words is strong and easy to remember. Without the passphrase nobody — not even IT — can open the file.</source>
        <translation>Mindestens {n} Zeichen. Ein Satz aus mehreren Wörtern ist sicher und leicht zu merken. Ohne die Passphrase kann niemand – auch nicht die IT – die Datei öffnen.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Stärke der Passphrase</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>Stärke:</translation>
    </message>
    <message>
        <source>Too short: {n} more characters needed.</source>
        <translation>Zu kurz: noch {n} Zeichen nötig.</translation>
    </message>
    <message>
        <source>Weak — add more words.</source>
        <translation>Schwach – weitere Wörter hinzufügen.</translation>
    </message>
    <message>
        <source>Fair.</source>
        <translation>Mittel.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Gut.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Stark.</translation>
    </message>
    <message>
        <source>The two entries differ.</source>
        <translation>Die beiden Eingaben unterscheiden sich.</translation>
    </message>
</context>
<context>
    <name>PassphrasePanel</name>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Unlocking …</source>
        <translation>Wird entsperrt …</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quartal</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>Art des Zeitraums</translation>
    </message>
    <message>
        <source>Q1</source>
        <translation>1. Quartal</translation>
    </message>
    <message>
        <source>Q2</source>
        <translation>2. Quartal</translation>
    </message>
    <message>
        <source>Q3</source>
        <translation>3. Quartal</translation>
    </message>
    <message>
        <source>Q4</source>
        <translation>4. Quartal</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Referral</source>
        <translation>Verweis</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>e.g. Jobcenter Rhein-Sieg, Team 3</source>
        <translation>z. B. Jobcenter Rhein-Sieg, Team 3</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Referred to:</source>
        <translation>&amp;Verwiesen an:</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Einrichtung:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thema:</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>E&amp;rgebnis:</translation>
    </message>
</context>
<context>
    <name>ReopenCaseDialog</name>
    <message>
        <source>Reopen case</source>
        <translation>Fall wieder öffnen</translation>
    </message>
    <message>
        <source>Reopened on</source>
        <translation>Wieder geöffnet am</translation>
    </message>
    <message>
        <source>(the phase before closing)</source>
        <translation>(die Phase vor dem Abschluss)</translation>
    </message>
    <message>
        <source>&amp;Reopened on:</source>
        <translation>&amp;Wieder geöffnet am:</translation>
    </message>
    <message>
        <source>&amp;Phase:</source>
        <translation>&amp;Phase:</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>KIM Desktop – open case file</source>
        <translation>KIM Desktop – Falldatei öffnen</translation>
    </message>
    <message>
        <source>Choose your case file and enter its passphrase.</source>
        <translation>Wählen Sie Ihre Falldatei und geben Sie die Passphrase ein.</translation>
    </message>
    <message>
        <source>Recent case files</source>
        <translation>Zuletzt verwendete Falldateien</translation>
    </message>
    <message>
        <source>&amp;Recent case files:</source>
        <translation>&amp;Zuletzt verwendete Falldateien:</translation>
    </message>
    <message>
        <source>(not found)</source>
        <translation>(nicht gefunden)</translation>
    </message>
    <message>
        <source>&amp;Open other file …</source>
        <translation>Andere Datei ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Create &amp;new case file …</source>
        <translation>&amp;Neue Falldatei anlegen …</translation>
    </message>
    <message>
        <source>No case file yet: create a new one or open an existing file.</source>
        <translation>Noch keine Falldatei: Legen Sie eine neue an oder öffnen Sie eine vorhandene.</translation>
    </message>
    <message>
        <source>Case file: {path}</source>
        <translation>Falldatei: {path}</translation>
    </message>
    <message>
        <source>Open case file</source>
        <translation>Falldatei öffnen</translation>
    </message>
    <message>
        <source>KIM case files (*.kim);;All files (*)</source>
        <translation>KIM-Falldateien (*.kim);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Kommune:</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Kennzahlen</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>Themen</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Verweise</translation>
    </message>
    <message>
        <source>Persons in new cases</source>
        <translation>Personen in neuen Fällen</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Appointments in total</source>
        <translation>Termine insgesamt</translation>
    </message>
    <message>
        <source>Counselling appointments</source>
        <translation>Beratungstermine</translation>
    </message>
    <message>
        <source>Case management appointments</source>
        <translation>Case-Management-Termine</translation>
    </message>
    <message>
        <source>Other work appointments</source>
        <translation>Sonstige Arbeitstermine</translation>
    </message>
    <message>
        <source>Average minutes per case management appointment</source>
        <translation>Durchschnittliche Dauer eines CM-Termins (Min.)</translation>
    </message>
    <message>
        <source>Case management cases opened</source>
        <translation>Neu aufgenommene CM-Fälle</translation>
    </message>
    <message>
        <source>Persons in opened cases</source>
        <translation>Personen in diesen Fällen</translation>
    </message>
    <message>
        <source>Long-term case management processes</source>
        <translation>Längerfristige CM-Prozesse</translation>
    </message>
    <message>
        <source>Not continued</source>
        <translation>Nicht fortgesetzt</translation>
    </message>
    <message>
        <source>Cases closed</source>
        <translation>Abgeschlossene Fälle</translation>
    </message>
    <message>
        <source>Open cases at period end</source>
        <translation>Offene Fälle am Periodenende</translation>
    </message>
    <message>
        <source>Appointments until positive close (median)</source>
        <translation>Termine bis zum positiven Abschluss (Median)</translation>
    </message>
    <message>
        <source>Goals agreed</source>
        <translation>Vereinbarte Ziele</translation>
    </message>
    <message>
        <source>Structural gaps reported</source>
        <translation>Gemeldete Strukturlücken</translation>
    </message>
    <message>
        <source>All municipalities</source>
        <translation>Alle Kommunen</translation>
    </message>
    <message>
        <source>Counting …</source>
        <translation>Wird gezählt …</translation>
    </message>
    <message>
        <source>all municipalities</source>
        <translation>alle Kommunen</translation>
    </message>
    <message>
        <source>{start} – {end}, {scope}</source>
        <translation>{start} – {end}, {scope}</translation>
    </message>
    <message>
        <source>Referrals in total</source>
        <translation>Verweise insgesamt</translation>
    </message>
    <message>
        <source>age unknown</source>
        <translation>Alter unbekannt</translation>
    </message>
    <message>
        <source>Appointments by kind</source>
        <translation>Termine nach Art</translation>
    </message>
    <message>
        <source>Cases opened</source>
        <translation>Neu aufgenommene Fälle</translation>
    </message>
    <message>
        <source>long-term</source>
        <translation>längerfristig</translation>
    </message>
    <message>
        <source>not continued</source>
        <translation>nicht fortgesetzt</translation>
    </message>
    <message>
        <source>still open</source>
        <translation>noch offen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>WithdrawConsentDialog</name>
    <message>
        <source>Withdraw consent</source>
        <translation>Einwilligung widerrufen</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Widerrufen am</translation>
    </message>
    <message>
        <source>&amp;Withdrawn on:</source>
        <translation>&amp;Widerrufen am:</translation>
    </message>
    <message>
        <source>Record that this consent was withdrawn on {date}? This cannot be undone.</source>
        <translation>Erfassen, dass diese Einwilligung am {date} widerrufen wurde? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
</TS>
