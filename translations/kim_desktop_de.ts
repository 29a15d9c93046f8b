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
        <source>The passphrase is too short: it needs at least {minimum} characters (it has {length}). A sentence of several words is easy to remember.</source>
        <translation>Die Passphrase ist zu kurz: Sie braucht mindestens {minimum} Zeichen (sie hat {length}). Ein Satz aus mehreren Wörtern ist leicht zu merken.</translation>
    </message>
    <message>
        <source>The input was rejected; nothing was written.</source>
        <translation>Die Eingabe wurde abgelehnt; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>An unexpected error occurred ({name}). Your data was not changed by it.</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten ({name}). Ihre Daten wurden dadurch nicht verändert.</translation>
    </message>
    <message>
        <source>Accuracy contested (Art. 18(1)(a) GDPR)</source>
        <translation>Richtigkeit bestritten (Art. 18 Abs. 1 lit. a DSGVO)</translation>
    </message>
    <message>
        <source>Unlawful processing, the person objects to erasure (Art. 18(1)(b) GDPR)</source>
        <translation>Unrechtmäßige Verarbeitung, die Person lehnt die Löschung ab (Art. 18 Abs. 1 lit. b DSGVO)</translation>
    </message>
    <message>
        <source>The person needs the data for legal claims (Art. 18(1)(c))</source>
        <translation>Die Person braucht die Daten für Rechtsansprüche (Art. 18 Abs. 1 lit. c DSGVO)</translation>
    </message>
    <message>
        <source>Objection being checked (Art. 18(1)(d) GDPR)</source>
        <translation>Widerspruch wird geprüft (Art. 18 Abs. 1 lit. d DSGVO)</translation>
    </message>
    <message>
        <source>Statutory retention duty instead of erasure</source>
        <translation>Gesetzliche Aufbewahrungspflicht statt Löschung</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Sonstiger Grund</translation>
    </message>
    <message>
        <source>Processing restricted (Art. 18 GDPR) since {date} · {reason}</source>
        <translation>Verarbeitung eingeschränkt (Art. 18 DSGVO) seit {date} · {reason}</translation>
    </message>
    <message>
        <source>Shown only: not changed, not exported and not printed, except the person&apos;s own copy (Art. 15).</source>
        <translation>Nur zur Ansicht: keine Änderung, kein Export, kein Druck – außer der Auskunft an die Person selbst (Art. 15).</translation>
    </message>
    <message>
        <source>1 restricted client is left out of the export (Art. 18 GDPR).</source>
        <translation>1 Klient:in mit eingeschränkter Verarbeitung ist nicht im Export (Art. 18 DSGVO).</translation>
    </message>
    <message>
        <source>{count} restricted clients are left out of the export (Art. 18 GDPR).</source>
        <translation>{count} Klient:innen mit eingeschränkter Verarbeitung sind nicht im Export (Art. 18 DSGVO).</translation>
    </message>
    <message>
        <source>Processing of this person is restricted (Art. 18 GDPR): lift the restriction to change this.</source>
        <translation>Die Verarbeitung dieser Person ist eingeschränkt (Art. 18 DSGVO): Zum Ändern zuerst die Einschränkung aufheben.</translation>
    </message>
    <message>
        <source>Processing of every person of this case is restricted (Art. 18 GDPR): the case is shown only.</source>
        <translation>Die Verarbeitung aller Personen dieses Falls ist eingeschränkt (Art. 18 DSGVO): Der Fall wird nur angezeigt.</translation>
    </message>
    <message>
        <source>Lift restriction</source>
        <translation>Einschränkung aufheben</translation>
    </message>
    <message>
        <source>Lift the restriction of {name}?

Their data can then be changed, exported and printed again. Lift it only when its reason no longer applies, and tell the person beforehand (Art. 18(3) GDPR).</source>
        <translation>Einschränkung für {name} aufheben?

Die Daten können danach wieder geändert, exportiert und gedruckt werden. Heben Sie die Einschränkung nur auf, wenn ihr Grund entfallen ist, und unterrichten Sie die Person vorher (Art. 18 Abs. 3 DSGVO).</translation>
    </message>
</context>
<context>
    <name>AccessCopyReviewDialog</name>
    <message>
        <source>Copy of the client&apos;s data (Art. 15)</source>
        <translation>Datenkopie für die Klient:in (Art. 15)</translation>
    </message>
    <message>
        <source>Notes on the person</source>
        <translation>Notizen zur Person</translation>
    </message>
    <message>
        <source>Notes on the case</source>
        <translation>Notizen zum Fall</translation>
    </message>
    <message>
        <source>Appointment note</source>
        <translation>Terminnotiz</translation>
    </message>
    <message>
        <source>Assessment note</source>
        <translation>Notiz zur Einschätzung</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Free text about {client} may name other persons, whose data must not be disclosed (Art. 15(4) GDPR). Tick each passage the client may receive; a passage not ticked is replaced in the PDF and the JSON by a note that it was withheld.</source>
        <translation>Freitexte zu {client} können andere Personen nennen, deren Daten nicht herausgegeben werden dürfen (Art. 15 Abs. 4 DSGVO). Haken Sie jede Passage an, die die Klient:in erhalten darf; eine nicht angehakte Passage wird in PDF und JSON durch den Hinweis ersetzt, dass sie zurückgehalten wurde.</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Fundstelle</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>due by {date}</source>
        <translation>fällig bis {date}</translation>
    </message>
    <message>
        <source>Free-text passages</source>
        <translation>Freitextpassagen</translation>
    </message>
    <message>
        <source>There is no free text about this client to review.</source>
        <translation>Zu dieser Klient:in gibt es keine Freitexte zu prüfen.</translation>
    </message>
    <message>
        <source>Release &amp;all</source>
        <translation>&amp;Alle freigeben</translation>
    </message>
    <message>
        <source>Release &amp;none</source>
        <translation>&amp;Keine freigeben</translation>
    </message>
    <message>
        <source>The copy (PDF and JSON) is plain, unencrypted personal data. Keep it only on an encrypted drive or hand it over at once, and delete it after use.</source>
        <translation>Die Kopie (PDF und JSON) enthält personenbezogene Daten im Klartext, unverschlüsselt. Bewahren Sie sie nur auf einem verschlüsselten Laufwerk auf oder händigen Sie sie sofort aus, und löschen Sie sie nach Gebrauch.</translation>
    </message>
    <message>
        <source>Understood, &amp;save …</source>
        <translation>Verstanden, &amp;speichern …</translation>
    </message>
    <message>
        <source>Language of the copy</source>
        <translation>Sprache der Auskunft</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Spra&amp;che:</translation>
    </message>
    <message>
        <source>Step {number} of the goal “{goal}”: what</source>
        <translation>Schritt {number} zum Ziel „{goal}“: was</translation>
    </message>
    <message>
        <source>Step {number} of the goal “{goal}”: who</source>
        <translation>Schritt {number} zum Ziel „{goal}“: wer</translation>
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
        <source>Creating the demo file …</source>
        <translation>Die Demodatei wird angelegt …</translation>
    </message>
    <message>
        <source>Machine-wide policy</source>
        <translation>Richtlinie der IT</translation>
    </message>
    <message>
        <source>The policy set by your IT department has problems; safe defaults are used where it is wrong. Please tell your IT department:</source>
        <translation>Die Richtlinie Ihrer IT-Abteilung enthält Fehler; wo sie falsch ist, gelten sichere Standardwerte. Bitte geben Sie das an Ihre IT-Abteilung weiter:</translation>
    </message>
    <message>
        <source>Demo file with invented data; passphrase: {passphrase}</source>
        <translation>Demo-Datei mit erfundenen Daten; Passphrase: {passphrase}</translation>
    </message>
    <message>
        <source>KIM Desktop cannot open or create case files: the policy set by your IT department cannot be used. Please tell your IT department:</source>
        <translation>KIM Desktop kann keine Fallakten öffnen oder anlegen: Die Richtlinie Ihrer IT-Abteilung ist nicht verwendbar. Bitte geben Sie Ihrer IT-Abteilung diese Meldung weiter:</translation>
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
        <source>&amp;Start time:</source>
        <translation>&amp;Beginn:</translation>
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
        <source>Interpreted &amp;language:</source>
        <translation>Gedolmetschte S&amp;prache:</translation>
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
    <name>AppointmentsTab</name>
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
        <translation>Ne&amp;uer Termin …</translation>
    </message>
    <message>
        <source>New appointment (Ctrl+T)</source>
        <translation>Neuer Termin (Strg+T)</translation>
    </message>
    <message>
        <source>E&amp;dit …</source>
        <translation>Bea&amp;rbeiten …</translation>
    </message>
    <message>
        <source>Delete …</source>
        <translation>Lös&amp;chen …</translation>
    </message>
    <message>
        <source>Appointments of the case:</source>
        <translation>Termine des &amp;Falls:</translation>
    </message>
    <message>
        <source>Delete the appointment of {date} ({minutes} min)? This cannot be undone.</source>
        <translation>Den Termin vom {date} ({minutes} Min.) löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete appointment</source>
        <translation>Termin löschen</translation>
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
        <translation>He&amp;ute</translation>
    </message>
    <message>
        <source>New &amp;counselling appointment …</source>
        <translation>Neuer &amp;Beratungstermin …</translation>
    </message>
    <message>
        <source>New &amp;other work …</source>
        <translation>Neuer sons&amp;tiger Termin …</translation>
    </message>
    <message>
        <source>Ed&amp;it …</source>
        <translation>Bea&amp;rbeiten …</translation>
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
        <source>Time</source>
        <translation>Uhrzeit</translation>
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
    <message numerus="yes">
        <source>%Ln appointment(s), {hours} h</source>
        <translation>
            <numerusform>%Ln Termin, {hours} Std.</numerusform>
            <numerusform>%Ln Termine, {hours} Std.</numerusform>
        </translation>
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
        <source>Correct assessment</source>
        <translation>Assessment korrigieren</translation>
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
        <source>(a former member)</source>
        <translation>(ein früheres Mitglied)</translation>
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
    <name>AssessmentTab</name>
    <message>
        <source>Needs by life area and date</source>
        <translation>Bedarfe nach Lebensbereich und Datum</translation>
    </message>
    <message>
        <source>Ne&amp;w assessment …</source>
        <translation>Ne&amp;ues Assessment …</translation>
    </message>
    <message>
        <source>E&amp;dit …</source>
        <translation>Bea&amp;rbeiten …</translation>
    </message>
    <message>
        <source>Remove …</source>
        <translation>Entfernen …</translation>
    </message>
    <message>
        <source>0 no need · 1 low · 2 medium · 3 high need; one column per date. Choose a column to correct or remove that assessment.</source>
        <translation>0 kein Bedarf · 1 gering · 2 mittel · 3 hoher Bedarf; eine Spalte je Datum. Spalte auswählen, um dieses Assessment zu korrigieren oder zu entfernen.</translation>
    </message>
    <message>
        <source>Remove the assessment of {date} for {name}?</source>
        <translation>Das Assessment vom {date} für {name} entfernen?</translation>
    </message>
    <message>
        <source>Remove the assessment of {date}?</source>
        <translation>Das Assessment vom {date} entfernen?</translation>
    </message>
    <message>
        <source>Only for an assessment entered by mistake; this cannot be undone.</source>
        <translation>Nur für ein versehentlich erfasstes Assessment; das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Remove assessment</source>
        <translation>Assessment entfernen</translation>
    </message>
    <message>
        <source>Needs &amp;by life area:</source>
        <translation>Bedar&amp;fe nach Lebensbereich:</translation>
    </message>
</context>
<context>
    <name>BundleInboxView</name>
    <message>
        <source>&amp;Import bundles …</source>
        <translation>Bündel &amp;importieren …</translation>
    </message>
    <message>
        <source>Bundles from case managers (.kimbundle): choose them with the button or drop them here. Each is checked completely before anything is written.</source>
        <translation>Bündel aus dem Fallmanagement (.kimbundle): mit der Schaltfläche auswählen oder hierher ziehen. Jedes wird vollständig geprüft, bevor etwas gespeichert wird.</translation>
    </message>
    <message>
        <source>Import status</source>
        <translation>Importstatus</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Sender fingerprint</source>
        <translation>Fingerabdruck des Absenders</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>Importergebnisse</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>District</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Imported bundles</source>
        <translation>Importierte Bündel</translation>
    </message>
    <message>
        <source>&amp;Withdraw bundle …</source>
        <translation>Bündel &amp;zurückziehen …</translation>
    </message>
    <message>
        <source>The selected bundle no longer counts in the figures, gaps and state bundle.</source>
        <translation>Das ausgewählte Bündel zählt nicht mehr in den Zahlen, Strukturlücken und im Landesbündel.</translation>
    </message>
    <message>
        <source>Last imports</source>
        <translation>Letzte Importe</translation>
    </message>
    <message>
        <source>Bundle inbox</source>
        <translation>Bündel-Eingang</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>importiert</translation>
    </message>
    <message>
        <source>imported, replaced an older revision</source>
        <translation>importiert, ältere Revision ersetzt</translation>
    </message>
    <message>
        <source>already imported, nothing changed</source>
        <translation>bereits importiert, nichts geändert</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>waiting: unknown sender</source>
        <translation>wartet: unbekannter Absender</translation>
    </message>
    <message>
        <source>not imported (cancelled)</source>
        <translation>nicht importiert (abgebrochen)</translation>
    </message>
    <message>
        <source>Compare the sender&apos;s fingerprint, then decide.</source>
        <translation>Vergleichen Sie den Fingerabdruck des Absenders und entscheiden Sie dann.</translation>
    </message>
    <message>
        <source>key {key_id} …</source>
        <translation>Schlüssel {key_id} …</translation>
    </message>
    <message>
        <source>case manager</source>
        <translation>Fallmanagement</translation>
    </message>
    <message>
        <source>district</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <source>withdrawn {when}</source>
        <translation>zurückgezogen {when}</translation>
    </message>
    <message>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <source>Withdraw bundle</source>
        <translation>Bündel zurückziehen</translation>
    </message>
    <message>
        <source>Withdraw the bundle for {period}, revision {revision}, from the sender with fingerprint {fingerprint}?

It no longer counts in the district figures, the structural gaps and the state bundle; it stays listed as withdrawn. The earlier revision does not come back: the sender can send a new one.</source>
        <translation>Bündel für {period}, Revision {revision}, von der Absender:in mit dem Fingerabdruck {fingerprint} zurückziehen?

Es zählt dann nicht mehr in den Kreiszahlen, den Strukturlücken und im Landesbündel; es bleibt als zurückgezogen aufgeführt. Die frühere Revision kommt nicht zurück: Die Absender:in kann eine neue senden.</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Zurückziehen</translation>
    </message>
    <message>
        <source>Bundle for {period}, revision {revision}, withdrawn.</source>
        <translation>Bündel für {period}, Revision {revision}, zurückgezogen.</translation>
    </message>
    <message>
        <source>Withdrawing the bundle …</source>
        <translation>Bündel wird zurückgezogen …</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Bündel importieren</translation>
    </message>
    <message>
        <source>KIM bundles (*.kimbundle);;All files (*)</source>
        <translation>KIM-Bündel (*.kimbundle);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{name}: not imported, the import was cancelled.</source>
        <translation>{name}: nicht importiert, der Import wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Importing …</source>
        <translation>Importieren …</translation>
    </message>
    <message>
        <source>Importing bundles …</source>
        <translation>Bündel werden importiert …</translation>
    </message>
    <message>
        <source>Imported: {imported}, already there: {duplicate}, rejected: {rejected}, waiting for a decision: {waiting}.</source>
        <translation>Importiert: {imported}, bereits vorhanden: {duplicate}, abgelehnt: {rejected}, warten auf Entscheidung: {waiting}.</translation>
    </message>
    <message>
        <source>{name} (period {period})</source>
        <translation>{name} (Zeitraum {period})</translation>
    </message>
    <message>
        <source>Unknown sender</source>
        <translation>Unbekannter Absender</translation>
    </message>
    <message>
        <source>These bundles come from a sender this coordination office has not trusted yet. Call the case manager: the fingerprint is shown in their “Sync bundle” view. Trust the sender only if all 40 digits are the same.</source>
        <translation>Diese Bündel stammen von einem Absender, dem diese Koordinierungsstelle noch nicht vertraut. Rufen Sie die Fallmanagerin oder den Fallmanager an: Der Fingerabdruck steht dort in der Ansicht „Sync-Bündel“. Vertrauen Sie dem Absender nur, wenn alle 40 Ziffern übereinstimmen.</translation>
    </message>
    <message>
        <source>&amp;Trust and import</source>
        <translation>&amp;Vertrauen und importieren</translation>
    </message>
    <message>
        <source>{name}: the sender was not trusted; nothing was imported.</source>
        <translation>{name}: dem Absender wurde nicht vertraut; es wurde nichts importiert.</translation>
    </message>
</context>
<context>
    <name>BundlePreview</name>
    <message>
        <source>What the bundle contains</source>
        <translation>Inhalt des Bündels</translation>
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
        <source>Reported on</source>
        <translation>Gemeldet am</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Figures per municipality</source>
        <translation>Kennzahlen je Kommune</translation>
    </message>
    <message>
        <source>Structural gap texts in the bundle</source>
        <translation>Texte der Strukturlücken im Bündel</translation>
    </message>
    <message>
        <source>Content of the bundle as text</source>
        <translation>Inhalt des Bündels als Text</translation>
    </message>
    <message>
        <source>Persons in new cases</source>
        <translation>Personen in neuen Fällen</translation>
    </message>
    <message>
        <source>Structural gaps</source>
        <translation>Strukturlücken</translation>
    </message>
    <message>
        <source>As text</source>
        <translation>Als Text</translation>
    </message>
    <message>
        <source>suppressed (&lt; {k})</source>
        <translation>unterdrückt (&lt; {k})</translation>
    </message>
    <message>
        <source>Fewer than {k} persons, or hidden so that it cannot be worked out from the totals. The number does not leave the laptop.</source>
        <translation>Weniger als {k} Personen oder so verborgen, dass die Zahl nicht aus den Summen erschlossen werden kann. Die Zahl verlässt den Laptop nicht.</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>All your municipalities</source>
        <translation>Alle Ihre Kommunen</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht übermittelt</translation>
    </message>
    <message>
        <source>Persons in new cases leave the laptop only for a whole calendar year that has ended, for all your municipalities together.</source>
        <translation>Personen in neuen Fällen verlassen den Laptop nur für ein ganzes, abgeschlossenes Kalenderjahr und nur für alle Ihre Kommunen zusammen.</translation>
    </message>
    <message>
        <source>persons in newly opened cases by gender, age, nationality and residence status, each on its own and never combined, for all your municipalities together; to protect individual persons the numbers are changed by up to ±{deviation}, 1 to {small} persons are shown as 0 or {k}, and the same persons always give the same numbers;</source>
        <translation>Personen in neu aufgenommenen Fällen nach Geschlecht, Alter, Staatsangehörigkeit und Aufenthaltsstatus, jeweils einzeln und nie kombiniert, für alle Ihre Kommunen zusammen; zum Schutz einzelner Personen sind die Werte um bis zu ±{deviation} verändert, 1 bis {small} Personen erscheinen als 0 oder {k}, und dieselben Personen ergeben immer dieselben Werte;</translation>
    </message>
    <message>
        <source>persons in newly opened cases: not sent for this period (only for a whole calendar year that has ended, for all your municipalities together);</source>
        <translation>Personen in neu aufgenommenen Fällen: für diesen Zeitraum nicht übermittelt (nur für ein ganzes, abgeschlossenes Kalenderjahr und für alle Ihre Kommunen zusammen);</translation>
    </message>
    <message>
        <source>This leaves the laptop for {period} ({span}), encrypted to {office} of {district}:</source>
        <translation>Das verlässt den Laptop für {period} ({span}), verschlüsselt für {office} ({district}):</translation>
    </message>
    <message>
        <source>counts for {count} municipalities: {names};</source>
        <translation>Zahlen für {count} Kommunen: {names};</translation>
    </message>
    <message>
        <source>structural gap texts: {count} (checked for personal data).</source>
        <translation>Texte von Strukturlücken: {count} (auf personenbezogene Daten geprüft).</translation>
    </message>
    <message>
        <source>Nothing else: no names, dates of birth, addresses, notes, client or case numbers.</source>
        <translation>Sonst nichts: keine Namen, Geburtsdaten, Adressen, Notizen, Klient:innen- oder Fallnummern.</translation>
    </message>
</context>
<context>
    <name>CapsLockWarning</name>
    <message>
        <source>Caps Lock is on.</source>
        <translation>Die Feststelltaste ist aktiviert.</translation>
    </message>
    <message>
        <source>Caps Lock warning</source>
        <translation>Hinweis auf die Feststelltaste</translation>
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
        <source>Parts of the case</source>
        <translation>Bereiche des Falls</translation>
    </message>
    <message>
        <source>&amp;Persons</source>
        <translation>&amp;Personen</translation>
    </message>
    <message>
        <source>&amp;Assessment</source>
        <translation>Assess&amp;ment</translation>
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
        <source>No&amp;tes &amp;&amp; follow-up</source>
        <translation>N&amp;otizen &amp;&amp; Wiedervorlage</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>Ver&amp;lauf</translation>
    </message>
    <message>
        <source>No case chosen</source>
        <translation>Kein Fall ausgewählt</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>Primary person</source>
        <translation>Hauptperson</translation>
    </message>
    <message>
        <source>Case facts</source>
        <translation>Falldaten</translation>
    </message>
    <message>
        <source>Close &amp;case …</source>
        <translation>Fall a&amp;bschließen …</translation>
    </message>
    <message>
        <source>Phas&amp;e:</source>
        <translation>Pha&amp;se:</translation>
    </message>
    <message>
        <source>Referred b&amp;y:</source>
        <translation>Verm&amp;ittelt durch:</translation>
    </message>
    <message>
        <source>Re&amp;open …</source>
        <translation>Wieder &amp;öffnen …</translation>
    </message>
    <message>
        <source>Erase case …</source>
        <translation>Fall löschen …</translation>
    </message>
    <message>
        <source>Case sheet …</source>
        <translation>Fallbesprechungsbogen …</translation>
    </message>
    <message>
        <source>Pseudonymised course of the case for collegial case consultation (PDF)</source>
        <translation>Pseudonymisierter Verlauf des Falls für die kollegiale Fallberatung (PDF)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
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
        <source>Change phase</source>
        <translation>Phase ändern</translation>
    </message>
    <message>
        <source>Change the phase of this case from {old} to {new} as of {date}?</source>
        <translation>Die Phase dieses Falls zum {date} von „{old}“ auf „{new}“ ändern?</translation>
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
    <name>CaseSheetPart</name>
    <message>
        <source>Save case sheet</source>
        <translation>Fallbesprechungsbogen speichern</translation>
    </message>
    <message>
        <source>case-sheet.pdf</source>
        <translation>fallbesprechungsbogen.pdf</translation>
    </message>
    <message>
        <source>Creating the case sheet …</source>
        <translation>Fallbesprechungsbogen wird erstellt …</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Gespeichert: {path}.</translation>
    </message>
    <message>
        <source>{released} of {count} free-text passage(s) printed.</source>
        <translation>{released} von {count} Freitextpassage(n) aufgenommen.</translation>
    </message>
    <message>
        <source>Pseudonymised, not anonymous: use it only for the consultation.</source>
        <translation>Pseudonymisiert, nicht anonym: nur für die Fallberatung verwenden.</translation>
    </message>
</context>
<context>
    <name>CaseSheetReviewDialog</name>
    <message>
        <source>Case sheet for collegial consultation</source>
        <translation>Fallbesprechungsbogen für die kollegiale Fallberatung</translation>
    </message>
    <message>
        <source>Notes on the case</source>
        <translation>Notizen zum Fall</translation>
    </message>
    <message>
        <source>Appointment note</source>
        <translation>Terminnotiz</translation>
    </message>
    <message>
        <source>Assessment note</source>
        <translation>Notiz zur Einschätzung</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>The case sheet shows the course of this case without names, birth dates, contact data or ids: persons as Person A, B …, dates as weeks since the opening. Free text is left out unless you tick it below. Each passage is shown as it would be printed: names of the case&apos;s members are replaced by their labels, dates, numbers and e-mail addresses are removed.</source>
        <translation>Der Fallbesprechungsbogen zeigt den Verlauf dieses Falls ohne Namen, Geburtsdaten, Kontaktdaten und Kennungen: Personen als Person A, B …, Daten als Wochen ab Eröffnung. Freitext wird nur aufgenommen, wenn Sie ihn unten ankreuzen. Jede Passage steht so da, wie sie gedruckt würde: Namen der Personen im Fall sind durch ihre Bezeichnung ersetzt, Daten, Nummern und E-Mail-Adressen entfernt.</translation>
    </message>
    <message>
        <source>Names of other persons (relatives, neighbours, staff of other offices) are not recognised: never tick a passage that still names or describes someone recognisably.</source>
        <translation>Namen anderer Personen (Angehörige, Nachbarn, Beschäftigte anderer Stellen) werden nicht erkannt: Kreuzen Sie keine Passage an, die noch jemanden nennt oder erkennbar beschreibt.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Aufnehmen</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Fundstelle</translation>
    </message>
    <message>
        <source>Text as printed</source>
        <translation>Text wie gedruckt</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>Step {number} of the goal: what</source>
        <translation>Schritt {number} zum Ziel: was</translation>
    </message>
    <message>
        <source>Step {number} of the goal: who</source>
        <translation>Schritt {number} zum Ziel: wer</translation>
    </message>
    <message>
        <source>{count} replaced</source>
        <translation>{count} ersetzt</translation>
    </message>
    <message>
        <source>Free-text passages</source>
        <translation>Freitextpassagen</translation>
    </message>
    <message>
        <source>This case has no free text.</source>
        <translation>Dieser Fall enthält keinen Freitext.</translation>
    </message>
    <message>
        <source>&amp;Save …</source>
        <translation>&amp;Speichern …</translation>
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
    <message numerus="yes">
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln Fall</numerusform>
            <numerusform>%Ln Fälle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>No figures</source>
        <translation>Keine Zahlen vorhanden</translation>
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
        <source>Birth date</source>
        <translation>Geburtsdatum</translation>
    </message>
    <message>
        <source>A birth date cannot lie in the future.</source>
        <translation>Ein Geburtsdatum kann nicht in der Zukunft liegen.</translation>
    </message>
    <message>
        <source>e.g. ar, ku, de</source>
        <translation>z. B. ar, ku, de</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Einreisedatum</translation>
    </message>
    <message>
        <source>An arrival date cannot lie in the future.</source>
        <translation>Ein Einreisedatum kann nicht in der Zukunft liegen.</translation>
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
        <translation>E&amp;inreise:</translation>
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
    <message>
        <source>&amp;Save anyway</source>
        <translation>Trotzdem s&amp;peichern</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Geboren</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Staatsangehörigkeit</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Offene Fälle</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Alle Fälle</translation>
    </message>
    <message>
        <source>Last appointment</source>
        <translation>Letzter Termin</translation>
    </message>
    <message>
        <source>This column cannot be sorted.</source>
        <translation>Nach dieser Spalte kann nicht sortiert werden.</translation>
    </message>
    <message>
        <source>{name} (restricted)</source>
        <translation>{name} (eingeschränkt)</translation>
    </message>
    <message>
        <source>Processing restricted (Art. 18 GDPR) since {date}</source>
        <translation>Verarbeitung eingeschränkt (Art. 18 DSGVO) seit {date}</translation>
    </message>
</context>
<context>
    <name>ClientPanel</name>
    <message>
        <source>Born:</source>
        <translation>Geboren:</translation>
    </message>
    <message>
        <source>Gender:</source>
        <translation>Geschlecht:</translation>
    </message>
    <message>
        <source>Nationality:</source>
        <translation>Staatsangehörigkeit:</translation>
    </message>
    <message>
        <source>Languages:</source>
        <translation>Sprachen:</translation>
    </message>
    <message>
        <source>Arrived:</source>
        <translation>Einreise:</translation>
    </message>
    <message>
        <source>Residence status:</source>
        <translation>Aufenthaltsstatus:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Kontakt:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>&amp;Edit client …</source>
        <translation>Klient:in &amp;bearbeiten …</translation>
    </message>
    <message>
        <source>Restriction of processing</source>
        <translation>Einschränkung der Verarbeitung</translation>
    </message>
    <message>
        <source>Restrict &amp;processing …</source>
        <translation>&amp;Verarbeitung einschränken …</translation>
    </message>
    <message>
        <source>&amp;Lift restriction …</source>
        <translation>Einschränkung &amp;aufheben …</translation>
    </message>
    <message>
        <source>Erase client …</source>
        <translation>Klient:in löschen …</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aufgenommen</translation>
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
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Cases of the client</source>
        <translation>Fälle der Klient:in</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>Fall ö&amp;ffnen</translation>
    </message>
    <message>
        <source>New c&amp;ase …</source>
        <translation>&amp;Neuer Fall …</translation>
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
        <source>Consents of the client</source>
        <translation>Einwilligungen der Klient:in</translation>
    </message>
    <message>
        <source>Recor&amp;d consent …</source>
        <translation>Einwilligung erfa&amp;ssen …</translation>
    </message>
    <message>
        <source>&amp;Cases:</source>
        <translation>Fä&amp;lle:</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Nicht möglich</translation>
    </message>
    <message>
        <source>&amp;Withdraw consent …</source>
        <translation>Einwilligung &amp;widerrufen …</translation>
    </message>
    <message>
        <source>Co&amp;nsents:</source>
        <translation>Einwilli&amp;gungen:</translation>
    </message>
    <message>
        <source>No client chosen</source>
        <translation>Keine Klient:in ausgewählt</translation>
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
    <name>ClientsView</name>
    <message>
        <source>Search names … (Ctrl+F)</source>
        <translation>Namen suchen … (Strg+F)</translation>
    </message>
    <message>
        <source>Search clients by name</source>
        <translation>Klient:innen nach Namen suchen</translation>
    </message>
    <message>
        <source>Clients with or without cases</source>
        <translation>Klient:innen mit oder ohne Fall</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Alle Klient:innen</translation>
    </message>
    <message>
        <source>With an open case</source>
        <translation>Mit offenem Fall</translation>
    </message>
    <message>
        <source>Without a case</source>
        <translation>Ohne Fall</translation>
    </message>
    <message>
        <source>Number of clients shown</source>
        <translation>Anzahl der angezeigten Klient:innen</translation>
    </message>
    <message>
        <source>New c&amp;lient …</source>
        <translation>Neue &amp;Klient:in …</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Neue Klient:in</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Klient:innen</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 Klient:in</translation>
    </message>
    <message>
        <source>{count} clients</source>
        <translation>{count} Klient:innen</translation>
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
    <name>CollectedGapsView</name>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
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
        <source>Reported on</source>
        <translation>Gemeldet am</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Structural gaps from the bundles</source>
        <translation>Strukturlücken aus den Bündeln</translation>
    </message>
    <message>
        <source>Text of the structural gap</source>
        <translation>Text der Strukturlücke</translation>
    </message>
    <message>
        <source>Problems that case managers reported and that need change at the structural level, as their bundles carried them (current revisions only).</source>
        <translation>Von den Fallmanager:innen gemeldete Probleme, die Veränderungen auf der Strukturebene brauchen, wie ihre Bündel sie übermittelt haben (nur aktuelle Revisionen).</translation>
    </message>
    <message>
        <source>Structural gaps</source>
        <translation>Strukturlücken</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>Alle Zeiträume</translation>
    </message>
    <message numerus="yes">
        <source>%Ln structural gap(s)</source>
        <translation>
            <numerusform>%Ln Strukturlücke</numerusform>
            <numerusform>%Ln Strukturlücken</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Differences from the cover</source>
        <translation>Abweichungen aus der Vertretung</translation>
    </message>
    <message>
        <source>Records kept side by side</source>
        <translation>Nebeneinander aufbewahrte Einträge</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Mine (in force)</source>
        <translation>Meine (gültig)</translation>
    </message>
    <message>
        <source>The colleague&apos;s</source>
        <translation>Die der Vertretung</translation>
    </message>
    <message>
        <source>Both versions</source>
        <translation>Beide Fassungen</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>&amp;Meine behalten</translation>
    </message>
    <message>
        <source>&amp;Take theirs</source>
        <translation>Ü&amp;bernehmen</translation>
    </message>
    <message>
        <source>During the cover these records were changed here and by the colleague. Yours is in force; choose for each whether it stays or the colleague&apos;s takes its place.</source>
        <translation>Während der Vertretung wurden diese Einträge hier und von der Vertretung geändert. Ihre Fassung gilt; entscheiden Sie für jeden Eintrag, ob sie bleibt oder die der Vertretung an ihre Stelle tritt.</translation>
    </message>
    <message>
        <source>Reading the differences …</source>
        <translation>Abweichungen werden gelesen …</translation>
    </message>
    <message>
        <source>deleted by the colleague</source>
        <translation>von der Vertretung gelöscht</translation>
    </message>
    <message>
        <source>Every difference is decided.</source>
        <translation>Alle Abweichungen sind entschieden.</translation>
    </message>
    <message>
        <source>The colleague deleted this record.</source>
        <translation>Die Vertretung hat diesen Eintrag gelöscht.</translation>
    </message>
    <message>
        <source>This record is no longer in this file.</source>
        <translation>Dieser Eintrag ist nicht mehr in dieser Datei.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Record consent</source>
        <translation>Einwilligung erfassen</translation>
    </message>
    <message>
        <source>Correct consent</source>
        <translation>Einwilligung korrigieren</translation>
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
        <source>Withdrawn on</source>
        <translation>Widerrufen am</translation>
    </message>
    <message>
        <source>&amp;Withdrawn on:</source>
        <translation>&amp;Widerrufen am:</translation>
    </message>
    <message>
        <source>This consent was withdrawn: only its dates can be corrected. A renewed consent is recorded as a new one.</source>
        <translation>Diese Einwilligung wurde widerrufen: Nur ihre Daten (Erteilung, Widerruf) lassen sich korrigieren. Eine erneute Einwilligung wird neu erfasst.</translation>
    </message>
    <message>
        <source>&amp;Form version:</source>
        <translation>&amp;Formularversion:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>{kind} to {recipient}, given on {date}</source>
        <translation>{kind} an {recipient}, erteilt am {date}</translation>
    </message>
    <message>
        <source>{kind}, given on {date}</source>
        <translation>{kind}, erteilt am {date}</translation>
    </message>
</context>
<context>
    <name>ConsentsPart</name>
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
        <source>Record consent …</source>
        <translation>Einwilli&amp;gung erfassen …</translation>
    </message>
    <message>
        <source>Edit consent …</source>
        <translation>Einwilligung bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Withdraw …</source>
        <translation>&amp;Widerrufen …</translation>
    </message>
    <message>
        <source>Remove consent …</source>
        <translation>Einwilligung entfernen …</translation>
    </message>
    <message>
        <source>Print consent form …</source>
        <translation>Einwilligung dru&amp;cken …</translation>
    </message>
    <message>
        <source>Remove the consent &quot;{consent}&quot;? Only for a consent entered by mistake: a consent the client takes back is withdrawn, not removed. This cannot be undone.</source>
        <translation>Die Einwilligung „{consent}“ entfernen? Nur für eine versehentlich erfasste Einwilligung: Nimmt die Klient:in eine Einwilligung zurück, wird sie widerrufen, nicht entfernt. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Remove consent</source>
        <translation>Einwilligung entfernen</translation>
    </message>
    <message>
        <source>Save consent form</source>
        <translation>Einwilligungsformular speichern</translation>
    </message>
    <message>
        <source>consent-form.pdf</source>
        <translation>Einwilligung.pdf</translation>
    </message>
    <message>
        <source>Creating the consent form …</source>
        <translation>Einwilligungsformular wird erstellt …</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Gespeichert: {path}.</translation>
    </message>
    <message>
        <source>The district configuration names no controller or data-protection officer: fill in the marked line by hand.</source>
        <translation>Die Kreiskonfiguration nennt keine verantwortliche Stelle oder keine Datenschutzbeauftragte Person: Tragen Sie die markierte Zeile bitte von Hand ein.</translation>
    </message>
</context>
<context>
    <name>CoordinatorResetDialog</name>
    <message>
        <source>Coordinator key changed</source>
        <translation>Koordinierungsschlüssel geändert</translation>
    </message>
    <message>
        <source>This district configuration is signed by a different coordinator key than the one this file trusts. Import it only if your coordination office told you that its key was replaced (a new person, a new laptop, a lost key).

Call the coordination office and have them read out their new fingerprint, then type the 40 digits here. Do not copy them from the file or an e-mail: whoever changed the file could have changed those too.</source>
        <translation>Diese Kreiskonfiguration ist mit einem anderen Schlüssel der Koordinierungsstelle signiert als dem, dem diese Datei vertraut. Importieren Sie sie nur, wenn Ihre Koordinierungsstelle Ihnen mitgeteilt hat, dass ihr Schlüssel ersetzt wurde (neue Person, neuer Laptop, verlorener Schlüssel).

Rufen Sie die Koordinierungsstelle an, lassen Sie sich den neuen Fingerabdruck vorlesen und tippen Sie die 40 Ziffern hier ein. Kopieren Sie sie nicht aus der Datei oder einer E-Mail: Wer die Datei verändert hat, könnte auch diese verändert haben.</translation>
    </message>
    <message>
        <source>New coordinator fingerprint</source>
        <translation>Neuer Fingerabdruck der Koordinierungsstelle</translation>
    </message>
    <message>
        <source>&amp;New fingerprint (spaces optional):</source>
        <translation>&amp;Neuer Fingerabdruck (Leerzeichen optional):</translation>
    </message>
    <message>
        <source>&amp;Reset key and import</source>
        <translation>Schlüssel &amp;zurücksetzen und importieren</translation>
    </message>
</context>
<context>
    <name>Cover</name>
    <message>
        <source>In cover by {name} until {date}. The case stays workable here; what the colleague records comes back when they give the case back.</source>
        <translation>In Vertretung bei {name} bis {date}. Der Fall bleibt hier bearbeitbar; was die Vertretung erfasst, kommt mit der Rückgabe des Falls zurück.</translation>
    </message>
    <message>
        <source>Given back to {name} on {date}. The copy is shown only; erase it when it is no longer needed.</source>
        <translation>Am {date} an {name} zurückgegeben. Die Kopie wird nur angezeigt; löschen Sie sie, wenn sie nicht mehr gebraucht wird.</translation>
    </message>
    <message>
        <source>Cover ended on {date} — please give back to {name}.</source>
        <translation>Vertretung beendet am {date} — bitte an {name} zurückgeben.</translation>
    </message>
    <message>
        <source>Cover for {name} until {date}. Give the case back with “Give back …” when the cover ends.</source>
        <translation>Vertretung für {name} bis {date}. Geben Sie den Fall mit „Zurückgeben …“ zurück, wenn die Vertretung endet.</translation>
    </message>
    <message>
        <source>The cover ended: the copy is shown, not changed.</source>
        <translation>Die Vertretung ist beendet: Die Kopie wird angezeigt, nicht geändert.</translation>
    </message>
    <message>
        <source>{count} record(s) differ from the colleague&apos;s version from the cover: decide which one stays.</source>
        <translation>{count} Eintrag/Einträge weichen von der Fassung der Vertretung ab: Entscheiden Sie, welche bleibt.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>Einschätzung</translation>
    </message>
    <message>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Agreed step</source>
        <translation>Vereinbarter Schritt</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Verweisung</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
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
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Phase history</source>
        <translation>Phasenverlauf</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Abgeschlossen am</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Einschätzungen</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Anschrift</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Widerrufen am</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <source>Place in the order</source>
        <translation>Stelle in der Reihenfolge</translation>
    </message>
    <message>
        <source>Goal (record id)</source>
        <translation>Ziel (Kennung)</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Type a date such as 15.03.1988 or 15.3.88.</source>
        <translation>Bitte ein Datum wie 15.03.1988 oder 15.3.88 eingeben.</translation>
    </message>
    <message>
        <source>There is no month {month}.</source>
        <translation>Einen Monat {month} gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no {typed}: that month has {days} days.</source>
        <translation>Den {typed} gibt es nicht: Dieser Monat hat {days} Tage.</translation>
    </message>
    <message>
        <source>dd.mm.yyyy, empty if unknown</source>
        <translation>TT.MM.JJJJ, leer wenn unbekannt</translation>
    </message>
    <message>
        <source>dd.mm.yyyy</source>
        <translation>TT.MM.JJJJ</translation>
    </message>
    <message>
        <source>Choose in a calendar (Alt+Down)</source>
        <translation>Im Kalender wählen (Alt+Pfeil unten)</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Problem with the date</source>
        <translation>Problem mit dem Datum</translation>
    </message>
    <message>
        <source>A date is required.</source>
        <translation>Bitte ein Datum eingeben.</translation>
    </message>
    <message>
        <source>The date must not be before {date}.</source>
        <translation>Das Datum darf nicht vor dem {date} liegen.</translation>
    </message>
    <message>
        <source>The date must not be after {date}.</source>
        <translation>Das Datum darf nicht nach dem {date} liegen.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>The date lies more than two years ahead: please check the year.</source>
        <translation>Das Datum liegt mehr als zwei Jahre in der Zukunft: Bitte das Jahr prüfen.</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
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
    <name>DistrictKeysView</name>
    <message>
        <source>District</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <source>Coordination office</source>
        <translation>Koordinierungsstelle</translation>
    </message>
    <message>
        <source>Signing key fingerprint</source>
        <translation>Fingerabdruck des Signaturschlüssels</translation>
    </message>
    <message>
        <source>Encryption key fingerprint</source>
        <translation>Fingerabdruck des Verschlüsselungsschlüssels</translation>
    </message>
    <message>
        <source>Case managers see the signing key fingerprint when they import the district configuration; read it out to them by phone. Bundles are encrypted to the encryption key, which never leaves this file.</source>
        <translation>Fallmanager:innen sehen den Fingerabdruck des Signaturschlüssels beim Import der Kreiskonfiguration; lesen Sie ihn ihnen am Telefon vor. Bündel werden mit dem Verschlüsselungsschlüssel verschlüsselt, der diese Datei nie verlässt.</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>Kreis:</translation>
    </message>
    <message>
        <source>Coordination office:</source>
        <translation>Koordinierungsstelle:</translation>
    </message>
    <message>
        <source>Signing key fingerprint:</source>
        <translation>Fingerabdruck des Signaturschlüssels:</translation>
    </message>
    <message>
        <source>Encryption key fingerprint:</source>
        <translation>Fingerabdruck des Verschlüsselungsschlüssels:</translation>
    </message>
    <message>
        <source>This coordination office</source>
        <translation>Diese Koordinierungsstelle</translation>
    </message>
    <message>
        <source>Municipalities</source>
        <translation>Kommunen</translation>
    </message>
    <message>
        <source>One per line or separated by commas</source>
        <translation>Eine pro Zeile oder durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Small-cell threshold k</source>
        <translation>Schwelle k für kleine Fallzahlen</translation>
    </message>
    <message>
        <source>Retention in years</source>
        <translation>Aufbewahrung in Jahren</translation>
    </message>
    <message>
        <source>Controller</source>
        <translation>Verantwortliche Stelle</translation>
    </message>
    <message>
        <source>Name and address, one line each</source>
        <translation>Name und Anschrift, je eine Zeile</translation>
    </message>
    <message>
        <source>Data-protection officer</source>
        <translation>Datenschutzbeauftragte:r</translation>
    </message>
    <message>
        <source>Name, telephone, e-mail</source>
        <translation>Name, Telefon, E-Mail</translation>
    </message>
    <message>
        <source>Case sheets may &amp;name the municipality</source>
        <translation>&amp;Fallbesprechungsbögen dürfen die Kommune nennen</translation>
    </message>
    <message>
        <source>District logo</source>
        <translation>Logo des Kreises</translation>
    </message>
    <message>
        <source>State programme logo</source>
        <translation>Logo des Landesprogramms</translation>
    </message>
    <message>
        <source>E&amp;xport district configuration …</source>
        <translation>Kreiskonfiguration e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Exportergebnis</translation>
    </message>
    <message>
        <source>The configuration names the district, its municipalities, the small-cell threshold k, the team, how long records are kept, the controller and the data-protection officer, and this office&apos;s public keys, signed with the signing key. Municipalities can be added; a name once issued stays in the list.</source>
        <translation>Die Konfiguration nennt den Kreis, seine Kommunen, die Schwelle k, das Team, wie lange Daten aufbewahrt werden, die Verantwortliche Stelle und den Kontakt der Datenschutzbeauftragten sowie die öffentlichen Schlüssel dieser Stelle, signiert mit dem Signaturschlüssel. Kommunen können hinzugefügt werden; ein einmal ausgegebener Name bleibt in der Liste.</translation>
    </message>
    <message>
        <source>Data-protection offi&amp;cer:</source>
        <translation>Datenschutz&amp;beauftragte:r:</translation>
    </message>
    <message>
        <source>District logo:</source>
        <translation>Logo des Kreises:</translation>
    </message>
    <message>
        <source>State programme logo:</source>
        <translation>Logo des Landesprogramms:</translation>
    </message>
    <message>
        <source>Saved {file}: issue {serial}, {count} municipalities, k = {k}, {members} team members. Give it to the case managers and read them the signing key fingerprint by phone.</source>
        <translation>{file} gespeichert: Ausgabe {serial}, {count} Kommunen, k = {k}, {members} Teammitglieder. Geben Sie die Datei an das Fallmanagement und lesen Sie den Fingerabdruck des Signaturschlüssels am Telefon vor.</translation>
    </message>
    <message>
        <source>&amp;Municipalities:</source>
        <translation>&amp;Kommunen:</translation>
    </message>
    <message>
        <source>Small-cell &amp;threshold k:</source>
        <translation>&amp;Schwelle k:</translation>
    </message>
    <message>
        <source>&amp;Retention (years):</source>
        <translation>Aufbewahrung (&amp;Jahre):</translation>
    </message>
    <message>
        <source>C&amp;ontroller:</source>
        <translation>&amp;Verantwortliche Stelle:</translation>
    </message>
    <message>
        <source>District configuration for the case managers</source>
        <translation>Kreiskonfiguration für das Fallmanagement</translation>
    </message>
    <message>
        <source>District configuration &amp; keys</source>
        <translation>Kreiskonfiguration und Schlüssel</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Export district configuration</source>
        <translation>Kreiskonfiguration exportieren</translation>
    </message>
    <message>
        <source>District configurations (*.kimdistrict)</source>
        <translation>Kreiskonfigurationen (*.kimdistrict)</translation>
    </message>
    <message>
        <source>Still in the configuration (names cannot be removed): {names}.</source>
        <translation>Weiterhin in der Konfiguration (Namen können nicht entfernt werden): {names}.</translation>
    </message>
    <message>
        <source>Saving the district configuration …</source>
        <translation>Kreiskonfiguration wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>DistrictView</name>
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
        <source>District figures status</source>
        <translation>Status der Kreiszahlen</translation>
    </message>
    <message>
        <source>District view</source>
        <translation>Kreisansicht</translation>
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
        <source>Closures and goals</source>
        <translation>Abschlüsse und Ziele</translation>
    </message>
    <message>
        <source>Persons in new cases</source>
        <translation>Personen in neuen Fällen</translation>
    </message>
    <message>
        <source>Whole district</source>
        <translation>Ganzer Kreis</translation>
    </message>
    <message>
        <source>Adding up the bundles …</source>
        <translation>Bündel werden zusammengezählt …</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Veränderung</translation>
    </message>
    <message>
        <source>suppressed</source>
        <translation>unterdrückt</translation>
    </message>
    <message>
        <source>Not known: the bundles carry persons in new cases only for whole calendar years that have ended and for each case manager&apos;s whole area, or a bundle of the previous version suppressed the cell. These persons are counted in “persons in suppressed cells”.</source>
        <translation>Nicht bekannt: Die Bündel enthalten Personen in neuen Fällen nur für ganze, abgeschlossene Kalenderjahre und für das ganze Gebiet einer Case Managerin oder eines Case Managers, oder ein Bündel der Vorversion hat das Feld unterdrückt. Diese Personen zählen unter „Personen in unterdrückten Feldern“.</translation>
    </message>
    <message>
        <source>No bundles for {period} have been imported: no data. District figures add up the bundles that case managers exported for exactly this period.</source>
        <translation>Für {period} wurden keine Bündel importiert: keine Daten. Die Kreiszahlen addieren die Bündel, die Fallmanager:innen für genau diesen Zeitraum exportiert haben.</translation>
    </message>
    <message>
        <source>whole district</source>
        <translation>ganzer Kreis</translation>
    </message>
    <message>
        <source>Compared with {before}: {coverage}</source>
        <translation>Vergleich mit {before}: {coverage}</translation>
    </message>
    <message>
        <source>No bundles for {before}: no comparison (–).</source>
        <translation>Keine Bündel für {before}: kein Vergleich (–).</translation>
    </message>
    <message>
        <source>{period} ({span}), {scope}: {coverage} {earlier}</source>
        <translation>{period} ({span}), {scope}: {coverage} {earlier}</translation>
    </message>
    <message>
        <source>Persons in new cases come for whole calendar years that have ended, for each case manager&apos;s whole area; to protect individual persons each case manager&apos;s numbers are changed by up to ±{deviation} (small numbers are shown as 0 or as the threshold), so they add up to the persons only nearly.</source>
        <translation>Personen in neuen Fällen kommen für ganze, abgeschlossene Kalenderjahre und für das ganze Gebiet jeder Case Managerin und jedes Case Managers; zum Schutz einzelner Personen sind die Werte jedes Bündels um bis zu ±{deviation} verändert (kleine Zahlen erscheinen als 0 oder als die Schwelle), daher ergeben sie zusammen nur ungefähr die Zahl der Personen.</translation>
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
</context>
<context>
    <name>DocumentLanguage</name>
    <message>
        <source>German only</source>
        <translation>Nur Deutsch</translation>
    </message>
</context>
<context>
    <name>DpoPackWriter</name>
    <message>
        <source>Papers for the data-protection officer</source>
        <translation>Unterlagen für die Datenschutzbeauftragte Person</translation>
    </message>
    <message>
        <source>The record of processing activities (Art. 30 GDPR), the technical and organisational measures (Art. 32 GDPR) and the deletion concept, as PDFs in German. They state this program&apos;s real settings and those of the district configuration last exported; they name no client.</source>
        <translation>Das Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO), die technischen und organisatorischen Maßnahmen (Art. 32 DSGVO) und das Löschkonzept als PDF. Sie geben die tatsächlichen Einstellungen dieses Programms und der zuletzt exportierten Kreiskonfiguration wieder und nennen keine Klient:innen.</translation>
    </message>
    <message>
        <source>Write &amp;papers for the data-protection officer …</source>
        <translation>Datenschutz-&amp;Unterlagen speichern …</translation>
    </message>
    <message>
        <source>Result of writing the papers</source>
        <translation>Ergebnis der Datenschutz-Unterlagen</translation>
    </message>
    <message>
        <source>Folder for the papers</source>
        <translation>Ordner für die Unterlagen</translation>
    </message>
    <message>
        <source>Already in this folder, nothing was written: {names}</source>
        <translation>Schon in diesem Ordner vorhanden, es wurde nichts gespeichert: {names}</translation>
    </message>
    <message>
        <source>Writing the papers …</source>
        <translation>Die Unterlagen werden gespeichert …</translation>
    </message>
    <message>
        <source>Saved in {folder}: {names}</source>
        <translation>Gespeichert in {folder}: {names}</translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>Unsaved input</source>
        <translation>Nicht gespeicherte Eingaben</translation>
    </message>
    <message>
        <source>A form with unsaved input could not be opened again (the record it belonged to may have changed). Its input is under “Show Details…”: copy what you need.</source>
        <translation>Ein Formular mit nicht gespeicherten Eingaben konnte nicht wieder geöffnet werden (der zugehörige Eintrag hat sich vielleicht geändert). Die Eingaben stehen unter „Details einblenden…“: Kopieren Sie, was Sie brauchen.</translation>
    </message>
</context>
<context>
    <name>DuplicateNotice</name>
    <message>
        <source>Possible duplicate</source>
        <translation>Mögliche Dublette</translation>
    </message>
    <message>
        <source>Client already in the file</source>
        <translation>Bereits erfasste Klient:in</translation>
    </message>
    <message>
        <source>Open &amp;this client instead</source>
        <translation>Stattdessen &amp;bestehende Klient:in öffnen</translation>
    </message>
    <message>
        <source>Open this client instead</source>
        <translation>Stattdessen bestehende Klient:in öffnen</translation>
    </message>
    <message>
        <source>birth date unknown</source>
        <translation>Geburtsdatum unbekannt</translation>
    </message>
    <message>
        <source>1 case</source>
        <translation>1 Fall</translation>
    </message>
    <message>
        <source>{count} cases</source>
        <translation>{count} Fälle</translation>
    </message>
    <message>
        <source>This person may already be in the file (same name, same or unknown birth date). Open the existing client instead, or press “Save anyway” to add a new client.</source>
        <translation>Diese Person ist möglicherweise bereits erfasst (gleicher Name, gleiches oder unbekanntes Geburtsdatum). Öffnen Sie stattdessen die bestehende Klient:in oder wählen Sie „Trotzdem speichern“, um eine neue Klient:in anzulegen.</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase case</source>
        <translation>Fall löschen</translation>
    </message>
    <message>
        <source>Erase client</source>
        <translation>Klient:in löschen</translation>
    </message>
    <message>
        <source>Erase everything due</source>
        <translation>Alle fälligen löschen</translation>
    </message>
    <message>
        <source>This will be erased from the case file:</source>
        <translation>Folgendes wird aus der Falldatei gelöscht:</translation>
    </message>
    <message>
        <source>Cases:</source>
        <translation>Fälle:</translation>
    </message>
    <message>
        <source>Clients:</source>
        <translation>Klient:innen:</translation>
    </message>
    <message>
        <source>Appointments:</source>
        <translation>Termine:</translation>
    </message>
    <message>
        <source>Goals:</source>
        <translation>Ziele:</translation>
    </message>
    <message>
        <source>Referrals:</source>
        <translation>Verweise:</translation>
    </message>
    <message>
        <source>Assessments:</source>
        <translation>Assessments:</translation>
    </message>
    <message>
        <source>Consents:</source>
        <translation>Einwilligungen:</translation>
    </message>
    <message>
        <source>Unsaved forms:</source>
        <translation>Nicht gespeicherte Formulare:</translation>
    </message>
    <message>
        <source>Persons</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Cases, by primary person</source>
        <translation>Fälle, nach Hauptperson</translation>
    </message>
    <message>
        <source>Persons ({count}):</source>
        <translation>Personen ({count}):</translation>
    </message>
    <message>
        <source>Cases, by primary person ({count}):</source>
        <translation>Fälle, nach Hauptperson ({count}):</translation>
    </message>
    <message numerus="yes">
        <source>%Ln note(s) or goal text(s) of cases that stay name an erased person and are emptied.</source>
        <translation>
            <numerusform>%Ln Notiz oder Zieltext in Fällen, die bestehen bleiben, nennt eine gelöschte Person und wird geleert.</numerusform>
            <numerusform>%Ln Notizen oder Zieltexte in Fällen, die bestehen bleiben, nennen eine gelöschte Person und werden geleert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln restricted client(s) (Art. 18 GDPR) and their cases are left out; lift a restriction to erase.</source>
        <translation>
            <numerusform>%Ln Klient:in mit eingeschränkter Verarbeitung (Art. 18 DSGVO) und ihre Fälle bleiben ausgenommen; um sie zu löschen, muss die Einschränkung aufgehoben werden.</numerusform>
            <numerusform>%Ln Klient:innen mit eingeschränkter Verarbeitung (Art. 18 DSGVO) und ihre Fälle bleiben ausgenommen; um sie zu löschen, muss die Einschränkung aufgehoben werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The figures of calendar years and quarters that have ended stay as they are; figures of periods that have not ended yet (the current quarter and year) may change.</source>
        <translation>Die Zahlen abgeschlossener Jahre und Quartale bleiben unverändert; Zahlen für Zeiträume, die noch nicht abgeschlossen sind (das laufende Quartal und Jahr), können sich ändern.</translation>
    </message>
    <message>
        <source>An erasure cannot be undone.</source>
        <translation>Das Löschen kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>I have checked that this data may be erased</source>
        <translation>Ich habe geprüft, dass diese Daten gelöscht werden dürfen</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message>
        <source>Reading what would be erased …</source>
        <translation>Was gelöscht würde, wird gelesen …</translation>
    </message>
    <message>
        <source>Nothing is due for erasure.</source>
        <translation>Nichts ist zur Löschung fällig.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln restricted client(s) (Art. 18 GDPR) are due but kept while restricted.</source>
        <translation>
            <numerusform>%Ln Klient:in ist fällig, bleibt aber erhalten, solange die Verarbeitung eingeschränkt ist (Art. 18 DSGVO).</numerusform>
            <numerusform>%Ln Klient:innen sind fällig, bleiben aber erhalten, solange die Verarbeitung eingeschränkt ist (Art. 18 DSGVO).</numerusform>
        </translation>
    </message>
    <message>
        <source>Erasing …</source>
        <translation>Wird gelöscht …</translation>
    </message>
    <message>
        <source>Erased: {what}.</source>
        <translation>Gelöscht: {what}.</translation>
    </message>
    <message numerus="yes">
        <source>The figures of %Ln ended year(s) and quarter(s) are kept.</source>
        <translation>
            <numerusform>Die Zahlen von %Ln abgeschlossenen Jahr oder Quartal bleiben erhalten.</numerusform>
            <numerusform>Die Zahlen von %Ln abgeschlossenen Jahren und Quartalen bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>The erased records are gone, but the case file could not be written anew afterwards; the space they took is overwritten already.</source>
        <translation>Die Einträge sind gelöscht, aber die Falldatei konnte danach nicht neu geschrieben werden; der Platz, den sie belegten, ist bereits überschrieben.</translation>
    </message>
    <message>
        <source>Erased</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Nothing was erased</source>
        <translation>Nichts gelöscht</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s)</source>
        <translation>
            <numerusform>%Ln Fall</numerusform>
            <numerusform>%Ln Fälle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln client(s)</source>
        <translation>
            <numerusform>%Ln Klient:in</numerusform>
            <numerusform>%Ln Klient:innen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln appointment(s)</source>
        <translation>
            <numerusform>%Ln Termin</numerusform>
            <numerusform>%Ln Termine</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln goal(s)</source>
        <translation>
            <numerusform>%Ln Ziel</numerusform>
            <numerusform>%Ln Ziele</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln referral(s)</source>
        <translation>
            <numerusform>%Ln Verweis</numerusform>
            <numerusform>%Ln Verweise</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln assessment(s)</source>
        <translation>
            <numerusform>%Ln Assessment</numerusform>
            <numerusform>%Ln Assessments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln consent(s)</source>
        <translation>
            <numerusform>%Ln Einwilligung</numerusform>
            <numerusform>%Ln Einwilligungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln unsaved form(s)</source>
        <translation>
            <numerusform>%Ln nicht gespeichertes Formular</numerusform>
            <numerusform>%Ln nicht gespeicherte Formulare</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled. Nothing was erased.</source>
        <translation>Abgebrochen. Es wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>This record is no longer in the case file (erased already?). Nothing was erased.</source>
        <translation>Dieser Eintrag ist nicht mehr in der Falldatei (schon gelöscht?). Es wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>The records changed since the erasure was shown (another program wrote to the file). Nothing was erased; look at what is to be erased again.</source>
        <translation>Die Daten haben sich geändert, seit die Löschung angezeigt wurde (ein anderes Programm hat in die Datei geschrieben). Es wurde nichts gelöscht; bitte prüfen Sie erneut, was gelöscht werden soll.</translation>
    </message>
    <message>
        <source>Another program replaced the case file (a new passphrase or a restored backup). Nothing was erased; open the file again.</source>
        <translation>Ein anderes Programm hat die Falldatei ersetzt (neue Passphrase oder wiederhergestellte Sicherung). Es wurde nichts gelöscht; bitte öffnen Sie die Datei erneut.</translation>
    </message>
    <message>
        <source>The case file is busy (a backup, or another program writing to it). Nothing was erased; try again in a moment.</source>
        <translation>Die Falldatei ist gerade belegt (eine Sicherung oder ein anderes Programm schreibt hinein). Es wurde nichts gelöscht; bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was erased; free some space and try again.</source>
        <translation>Der Datenträger ist voll. Es wurde nichts gelöscht; bitte Platz schaffen und erneut versuchen.</translation>
    </message>
    <message>
        <source>The case file could not be written. Nothing was erased.</source>
        <translation>Die Falldatei konnte nicht geschrieben werden. Es wurde nichts gelöscht.</translation>
    </message>
    <message>
        <source>A coordinator&apos;s file holds no persons; there is nothing to erase.</source>
        <translation>Die Datei einer Koordinierungsstelle enthält keine Personen; es gibt nichts zu löschen.</translation>
    </message>
</context>
<context>
    <name>FieldMessages</name>
    <message>
        <source>Please fill in this field.</source>
        <translation>Bitte füllen Sie dieses Feld aus.</translation>
    </message>
    <message>
        <source>The date lies in the future.</source>
        <translation>Das Datum liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>The date lies more than two years ahead: please check the year.</source>
        <translation>Das Datum liegt mehr als zwei Jahre in der Zukunft: Bitte das Jahr prüfen.</translation>
    </message>
    <message>
        <source>Please type an e-mail address such as name@example.org.</source>
        <translation>Bitte eine E-Mail-Adresse wie name@beispiel.de eingeben.</translation>
    </message>
    <message>
        <source>Please type a date such as 15.03.1988.</source>
        <translation>Bitte ein Datum wie 15.03.1988 eingeben.</translation>
    </message>
    <message>
        <source>Please type a time such as 9:30.</source>
        <translation>Bitte eine Uhrzeit wie 9:30 eingeben.</translation>
    </message>
    <message>
        <source>Please type a whole number.</source>
        <translation>Bitte eine ganze Zahl eingeben.</translation>
    </message>
    <message>
        <source>A language is named twice.</source>
        <translation>Eine Sprache ist doppelt genannt.</translation>
    </message>
    <message>
        <source>A theme is ticked twice.</source>
        <translation>Ein Thema ist doppelt angekreuzt.</translation>
    </message>
    <message>
        <source>A person is named twice.</source>
        <translation>Eine Person ist doppelt genannt.</translation>
    </message>
    <message>
        <source>Please tick at least one theme.</source>
        <translation>Bitte mindestens ein Thema ankreuzen.</translation>
    </message>
    <message>
        <source>Please rate at least one life area.</source>
        <translation>Bitte mindestens einen Lebensbereich bewerten.</translation>
    </message>
    <message>
        <source>A language only when an interpreter took part.</source>
        <translation>Eine Sprache nur, wenn gedolmetscht wurde.</translation>
    </message>
    <message>
        <source>The case is closed; reopen it first.</source>
        <translation>Der Fall ist abgeschlossen; bitte zuerst wieder öffnen.</translation>
    </message>
    <message>
        <source>The case is not closed.</source>
        <translation>Der Fall ist nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>This consent is already withdrawn.</source>
        <translation>Diese Einwilligung ist bereits widerrufen.</translation>
    </message>
    <message>
        <source>This person already belongs to the case.</source>
        <translation>Diese Person gehört schon zum Fall.</translation>
    </message>
    <message>
        <source>This person does not belong to the case.</source>
        <translation>Diese Person gehört nicht zum Fall.</translation>
    </message>
    <message>
        <source>A case keeps at least one person.</source>
        <translation>Ein Fall behält mindestens eine Person.</translation>
    </message>
    <message>
        <source>This person has assessments in this case and stays a member.</source>
        <translation>Für diese Person gibt es Assessments in diesem Fall; sie bleibt im Fall.</translation>
    </message>
    <message>
        <source>This person belongs to a case and cannot be deleted.</source>
        <translation>Diese Person gehört zu einem Fall und kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>This person is named by an assessment and cannot be deleted.</source>
        <translation>Diese Person ist in einem Assessment genannt und kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Please give the date the goal was closed.</source>
        <translation>Bitte das Datum angeben, an dem das Ziel abgeschlossen wurde.</translation>
    </message>
    <message>
        <source>An open goal has no closing date.</source>
        <translation>Ein offenes Ziel hat kein Abschlussdatum.</translation>
    </message>
    <message>
        <source>Please give the report date.</source>
        <translation>Bitte das Meldedatum angeben.</translation>
    </message>
    <message>
        <source>A draft has no report date.</source>
        <translation>Ein Entwurf hat kein Meldedatum.</translation>
    </message>
    <message>
        <source>Please choose a municipality of the list.</source>
        <translation>Bitte eine Kommune aus der Liste wählen.</translation>
    </message>
    <message>
        <source>This municipality is already in the list.</source>
        <translation>Diese Kommune steht schon in der Liste.</translation>
    </message>
    <message>
        <source>A withdrawn consent is kept as proof and cannot be removed.</source>
        <translation>Eine widerrufene Einwilligung bleibt als Nachweis erhalten und kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>A withdrawal is recorded as such and cannot be undone here.</source>
        <translation>Ein Widerruf bleibt erfasst und kann hier nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>The date lies after the date the goal was closed.</source>
        <translation>Das Datum liegt nach dem Abschluss des Ziels.</translation>
    </message>
    <message>
        <source>A withdrawn consent keeps what was consented to; only its dates can be corrected.</source>
        <translation>Eine widerrufene Einwilligung behält ihren Inhalt; nur ihre Daten können korrigiert werden.</translation>
    </message>
    <message>
        <source>Please choose the life area of the goal.</source>
        <translation>Bitte den Lebensbereich des Ziels wählen.</translation>
    </message>
    <message>
        <source>Please choose an open phase.</source>
        <translation>Bitte eine offene Phase wählen.</translation>
    </message>
    <message>
        <source>Please choose a language or type its ISO 639 code, e.g. ar.</source>
        <translation>Bitte eine Sprache wählen oder ihren ISO-639-Code eingeben, z. B. ar.</translation>
    </message>
    <message>
        <source>Please choose who becomes the primary person of the case.</source>
        <translation>Bitte wählen, wer Hauptperson des Falls wird.</translation>
    </message>
    <message>
        <source>Please choose a nationality of the list.</source>
        <translation>Bitte eine Staatsangehörigkeit aus der Liste wählen.</translation>
    </message>
    <message>
        <source>A counselling appointment belongs to a case.</source>
        <translation>Ein Beratungstermin gehört zu einem Fall.</translation>
    </message>
    <message>
        <source>Processing of this person is restricted (Art. 18 GDPR): their data cannot be changed until the restriction is lifted.</source>
        <translation>Die Verarbeitung dieser Person ist eingeschränkt (Art. 18 DSGVO): Ihre Daten können erst nach Aufheben der Einschränkung geändert werden.</translation>
    </message>
    <message>
        <source>Processing of every person of this case is restricted (Art. 18 GDPR): the case cannot be changed.</source>
        <translation>Die Verarbeitung aller Personen dieses Falls ist eingeschränkt (Art. 18 DSGVO): Der Fall kann nicht geändert werden.</translation>
    </message>
    <message>
        <source>The case was handed over to a colleague: it cannot be changed here.</source>
        <translation>Der Fall wurde an eine Kolleg:in übergeben: Er kann hier nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>The cover copy was given back to the colleague: it cannot be changed here.</source>
        <translation>Die Vertretungskopie wurde an die Kolleg:in zurückgegeben: Sie kann hier nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>Processing of this person is restricted (Art. 18 GDPR): no document about them is printed except their own copy (Art. 15).</source>
        <translation>Die Verarbeitung dieser Person ist eingeschränkt (Art. 18 DSGVO): Außer der Auskunft an die Person selbst (Art. 15) wird kein Dokument über sie gedruckt.</translation>
    </message>
    <message>
        <source>Processing of this person is already restricted.</source>
        <translation>Die Verarbeitung dieser Person ist bereits eingeschränkt.</translation>
    </message>
    <message>
        <source>Processing of this person is not restricted.</source>
        <translation>Die Verarbeitung dieser Person ist nicht eingeschränkt.</translation>
    </message>
    <message>
        <source>Please choose a reason of the list.</source>
        <translation>Bitte einen Grund aus der Liste wählen.</translation>
    </message>
    <message>
        <source>This entry no longer exists; please reload the view.</source>
        <translation>Dieser Eintrag existiert nicht mehr; bitte die Ansicht neu laden.</translation>
    </message>
    <message>
        <source>the birth date</source>
        <translation>dem Geburtsdatum</translation>
    </message>
    <message>
        <source>the start</source>
        <translation>dem Beginn</translation>
    </message>
    <message>
        <source>the case&apos;s last phase change</source>
        <translation>dem letzten Phasenwechsel des Falls</translation>
    </message>
    <message>
        <source>the opening of the case</source>
        <translation>der Aufnahme des Falls</translation>
    </message>
    <message>
        <source>the closing of the case</source>
        <translation>dem Abschluss des Falls</translation>
    </message>
    <message>
        <source>the date the consent was given</source>
        <translation>dem Datum der Einwilligung</translation>
    </message>
    <message>
        <source>the date of the agreement</source>
        <translation>dem Datum der Vereinbarung</translation>
    </message>
    <message>
        <source>The date lies too early.</source>
        <translation>Das Datum liegt zu früh.</translation>
    </message>
    <message>
        <source>The date lies before {what}.</source>
        <translation>Das Datum liegt vor {what}.</translation>
    </message>
    <message>
        <source>The cover ended on {date}: the copy cannot be changed any more.</source>
        <translation>Die Vertretung endete am {date}: Die Kopie kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>At most {n} characters, please.</source>
        <translation>Bitte höchstens {n} Zeichen.</translation>
    </message>
    <message>
        <source>Please type a number from {low} to {high}.</source>
        <translation>Bitte eine Zahl von {low} bis {high} eingeben.</translation>
    </message>
    <message>
        <source>Please choose an entry of the list.</source>
        <translation>Bitte einen Eintrag aus der Liste wählen.</translation>
    </message>
    <message>
        <source>This entry is not accepted here.</source>
        <translation>Diese Eingabe ist hier nicht möglich.</translation>
    </message>
</context>
<context>
    <name>FigureModel</name>
    <message>
        <source>not delivered</source>
        <translation>nicht geliefert</translation>
    </message>
</context>
<context>
    <name>FigureTexts</name>
    <message>
        <source>Appointments in total</source>
        <translation>Termine insgesamt</translation>
    </message>
    <message>
        <source>Counselling appointments</source>
        <translation>Beratungstermine</translation>
    </message>
    <message>
        <source>Short consultations</source>
        <translation>Kurzberatungen</translation>
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
        <source>Minutes of case management appointments</source>
        <translation>Minuten der Case-Management-Termine</translation>
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
        <source>Referrals in total</source>
        <translation>Verweise insgesamt</translation>
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
        <source>Participants of other work</source>
        <translation>Teilnehmende sonstiger Arbeitstermine</translation>
    </message>
    <message>
        <source>Other work without recorded participants</source>
        <translation>Sonstige Arbeitstermine ohne erfasste Teilnehmendenzahl</translation>
    </message>
    <message>
        <source>Other work: {label}</source>
        <translation>Sonstige Arbeit: {label}</translation>
    </message>
    <message>
        <source>Channel: {label}</source>
        <translation>Kontaktweg: {label}</translation>
    </message>
    <message>
        <source>Counselling: {label}</source>
        <translation>Beratungstermine: {label}</translation>
    </message>
    <message>
        <source>Closed because: {label}</source>
        <translation>Abschlussgrund: {label}</translation>
    </message>
    <message>
        <source>Theme: {label}</source>
        <translation>Thema: {label}</translation>
    </message>
    <message>
        <source>Referred to: {label}</source>
        <translation>Verwiesen an: {label}</translation>
    </message>
    <message>
        <source>Goals, status: {label}</source>
        <translation>Ziele, Status: {label}</translation>
    </message>
    <message>
        <source>interpreting not recorded</source>
        <translation>Sprachmittlung nicht erfasst</translation>
    </message>
    <message>
        <source>Positive closes after {n} appointments</source>
        <translation>Positive Abschlüsse nach {n} Terminen</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
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
        <source>persons in suppressed cells</source>
        <translation>Personen in unterdrückten Feldern</translation>
    </message>
    <message>
        <source>age unknown</source>
        <translation>Alter unbekannt</translation>
    </message>
    <message>
        <source>{dimension}: {value}</source>
        <translation>{dimension}: {value}</translation>
    </message>
    <message>
        <source>No bundles for this period: no data.</source>
        <translation>Keine Bündel für diesen Zeitraum: keine Daten.</translation>
    </message>
    <message>
        <source>{senders} of the {enrolled} enrolled team members</source>
        <translation>{senders} der {enrolled} eingetragenen Teammitglieder</translation>
    </message>
    <message>
        <source> and 1 sender outside the team</source>
        <translation> und 1 Absender:in außerhalb des Teams</translation>
    </message>
    <message>
        <source> and {others} senders outside the team</source>
        <translation> und {others} Absender:innen außerhalb des Teams</translation>
    </message>
    <message>
        <source>1 sender</source>
        <translation>1 Absender:in</translation>
    </message>
    <message>
        <source>{senders} senders</source>
        <translation>{senders} Absender:innen</translation>
    </message>
    <message>
        <source>1 bundle</source>
        <translation>1 Bündel</translation>
    </message>
    <message>
        <source>{bundles} bundles</source>
        <translation>{bundles} Bündeln</translation>
    </message>
    <message>
        <source>Figures from {bundles} of {who}.</source>
        <translation>Zahlen aus {bundles} von {who}.</translation>
    </message>
    <message>
        <source>Q{quarter} {year}</source>
        <translation>{quarter}. Quartal {year}</translation>
    </message>
</context>
<context>
    <name>FindingsBox</name>
    <message>
        <source>title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>a client&apos;s name</source>
        <translation>ein Name einer Klient:in</translation>
    </message>
    <message>
        <source>a client&apos;s address</source>
        <translation>eine Adresse einer Klient:in</translation>
    </message>
    <message>
        <source>a client&apos;s e-mail address</source>
        <translation>eine E-Mail-Adresse einer Klient:in</translation>
    </message>
    <message>
        <source>an e-mail address</source>
        <translation>eine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>a client&apos;s birth date</source>
        <translation>ein Geburtsdatum einer Klient:in</translation>
    </message>
    <message>
        <source>a date</source>
        <translation>ein Datum</translation>
    </message>
    <message>
        <source>a client&apos;s phone number</source>
        <translation>eine Telefonnummer einer Klient:in</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>eine Telefonnummer</translation>
    </message>
    <message>
        <source>a file number</source>
        <translation>ein Aktenzeichen</translation>
    </message>
    <message>
        <source>Export blocked</source>
        <translation>Export gesperrt</translation>
    </message>
    <message>
        <source>Structural gap</source>
        <translation>Strukturlücke</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>Fund</translation>
    </message>
    <message>
        <source>At character</source>
        <translation>Bei Zeichen</translation>
    </message>
    <message>
        <source>Personal data found</source>
        <translation>Personenbezogene Daten gefunden</translation>
    </message>
    <message>
        <source>These reported structural gaps look like they name or describe a person: {titles}. Open them in “Structural gaps”, rewrite the parts listed below without personal data, then preview again.</source>
        <translation>Diese gemeldeten Strukturlücken scheinen eine Person zu nennen oder zu beschreiben: {titles}. Öffnen Sie sie unter „Strukturlücken“, formulieren Sie die unten genannten Stellen ohne personenbezogene Daten neu und erstellen Sie die Vorschau erneut.</translation>
    </message>
</context>
<context>
    <name>FingerprintDialog</name>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
</context>
<context>
    <name>FirstStepsDialog</name>
    <message>
        <source>First steps</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <source>&lt;b&gt;Views.&lt;/b&gt; The list on the left (Ctrl+1, Ctrl+2, …) switches between the overview, cases and clients, appointments, structural gaps, statistics and the sync bundle.</source>
        <translation>&lt;b&gt;Ansichten.&lt;/b&gt; Die Liste links (Strg+1, Strg+2, …) wechselt zwischen Übersicht, Fällen und Klient:innen, Terminen, Strukturlücken, Statistik und Sync-Bündel.</translation>
    </message>
    <message>
        <source>&lt;b&gt;A new case.&lt;/b&gt; In &lt;i&gt;Cases and clients&lt;/i&gt; choose &lt;i&gt;New case&lt;/i&gt; (Ctrl+N), search for the client or create them, then choose municipality and track.</source>
        <translation>&lt;b&gt;Ein neuer Fall.&lt;/b&gt; Wählen Sie unter &lt;i&gt;Fälle und Klient:innen&lt;/i&gt; &lt;i&gt;Neuer Fall&lt;/i&gt; (Strg+N), suchen Sie die Klient:in oder legen Sie sie an, dann wählen Sie Kommune und Verfahren.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Finding a case.&lt;/b&gt; Type part of a name in the search box (Ctrl+F); Down or Enter moves into the list, Enter or a double click opens the case.</source>
        <translation>&lt;b&gt;Einen Fall finden.&lt;/b&gt; Tippen Sie einen Teil des Namens in das Suchfeld (Strg+F); Pfeil nach unten oder Enter führt in die Liste, Enter oder ein Doppelklick öffnet den Fall.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Appointments.&lt;/b&gt; Ctrl+T in an open case records an appointment; the &lt;i&gt;Appointments&lt;/i&gt; view shows the week or month.</source>
        <translation>&lt;b&gt;Termine.&lt;/b&gt; Strg+T in einem geöffneten Fall erfasst einen Termin; die Ansicht &lt;i&gt;Termine&lt;/i&gt; zeigt die Woche oder den Monat.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Saving.&lt;/b&gt; Everything is saved as you go; there is no save button.</source>
        <translation>&lt;b&gt;Speichern.&lt;/b&gt; Alles wird sofort gespeichert; eine Schaltfläche zum Speichern gibt es nicht.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Locking.&lt;/b&gt; Ctrl+L locks the window; it also locks itself after some idle minutes. Unlock it with the passphrase.</source>
        <translation>&lt;b&gt;Sperren.&lt;/b&gt; Strg+L sperrt das Fenster; nach einigen Minuten ohne Eingabe sperrt es sich auch selbst. Mit der Passphrase entsperren Sie es wieder.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backups.&lt;/b&gt; File → Back up writes an encrypted, verified copy, best onto an encrypted USB stick. File → Restore from backup puts such a copy back in place of the case file.</source>
        <translation>&lt;b&gt;Sicherungen.&lt;/b&gt; Datei → Sicherung erstellen schreibt eine verschlüsselte, geprüfte Kopie, am besten auf einen verschlüsselten USB-Stick. Datei → Aus Sicherung wiederherstellen setzt eine solche Kopie an die Stelle der Falldatei.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Keyboard.&lt;/b&gt; Tab moves from field to field, Alt with the underlined letter chooses a button or field, Escape closes a dialog.</source>
        <translation>&lt;b&gt;Tastatur.&lt;/b&gt; Tab springt von Feld zu Feld, Alt mit dem unterstrichenen Buchstaben wählt eine Schaltfläche oder ein Feld, Esc schließt einen Dialog.</translation>
    </message>
</context>
<context>
    <name>ForgottenPassphraseDialog</name>
    <message>
        <source>Forgot passphrase?</source>
        <translation>Passphrase vergessen?</translation>
    </message>
    <message>
        <source>Enter the recovery key from the sealed sheet of {name}, then choose a new passphrase. The old passphrase stops working.</source>
        <translation>Geben Sie den Wiederherstellungsschlüssel vom versiegelten Blatt zu {name} ein und wählen Sie dann eine neue Passphrase. Die alte Passphrase gilt danach nicht mehr.</translation>
    </message>
    <message>
        <source>Recovery &amp;key:</source>
        <translation>Wiederherstellungs&amp;schlüssel:</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Wiederherstellungsschlüssel</translation>
    </message>
    <message>
        <source>New passphrase (at least {n} characters):</source>
        <translation>Neue Passphrase (mindestens {n} Zeichen):</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>&amp;Set new passphrase</source>
        <translation>Neue Passphrase s&amp;etzen</translation>
    </message>
    <message>
        <source>There is no recovery key for this file: {sidecar} is missing beside it.</source>
        <translation>Für diese Datei gibt es keinen Wiederherstellungsschlüssel: {sidecar} fehlt neben ihr.</translation>
    </message>
    <message>
        <source>Typo in group {group}: compare it with the sheet.</source>
        <translation>Tippfehler in Gruppe {group}: Bitte mit dem Blatt vergleichen.</translation>
    </message>
    <message>
        <source>All groups are complete and correct.</source>
        <translation>Alle Gruppen sind vollständig und richtig.</translation>
    </message>
    <message>
        <source>{done} of {total} groups correct.</source>
        <translation>{done} von {total} Gruppen richtig.</translation>
    </message>
    <message>
        <source>Setting the new passphrase …</source>
        <translation>Die neue Passphrase wird gesetzt …</translation>
    </message>
    <message>
        <source>Wrong recovery key, or the file is damaged. The file was not changed.</source>
        <translation>Falscher Wiederherstellungsschlüssel oder die Datei ist beschädigt. Die Datei wurde nicht verändert.</translation>
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
        <source>Personal data in the text</source>
        <translation>Personenbezogene Daten im Text</translation>
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
        <source>Th&amp;eme:</source>
        <translation>The&amp;ma:</translation>
    </message>
    <message>
        <source>Des&amp;cription:</source>
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
        <source>Checking the text for personal data …</source>
        <translation>Der Text wird auf personenbezogene Daten geprüft …</translation>
    </message>
    <message>
        <source>Not marked as reported: the text seems to name a person. Describe the problem instead.</source>
        <translation>Nicht als gemeldet markiert: Der Text scheint eine Person zu nennen. Beschreiben Sie stattdessen das Problem.</translation>
    </message>
    <message>
        <source>This looks like personal data: {items}. A reported gap leaves the laptop; describe the problem, not the person.</source>
        <translation>Das sieht nach personenbezogenen Daten aus: {items}. Eine gemeldete Lücke verlässt den Laptop; beschreiben Sie das Problem, nicht die Person.</translation>
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
        <source>Correct goal</source>
        <translation>Ziel korrigieren</translation>
    </message>
    <message>
        <source>– choose –</source>
        <translation>– auswählen –</translation>
    </message>
    <message>
        <source>What the client wants to reach, in one or two sentences</source>
        <translation>Was die Klient:in erreichen will, in ein, zwei Sätzen</translation>
    </message>
    <message>
        <source>Agreed on</source>
        <translation>Vereinbart am</translation>
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
    <name>GoalStepsPart</name>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>By when</source>
        <translation>Bis wann</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <source>Agreed steps</source>
        <translation>Vereinbarte Schritte</translation>
    </message>
    <message>
        <source>Add step …</source>
        <translation>Schritt vereinbaren …</translation>
    </message>
    <message>
        <source>Correct step …</source>
        <translation>Schritt korrigieren …</translation>
    </message>
    <message>
        <source>Mar&amp;k step done …</source>
        <translation>Schritt erledi&amp;gt …</translation>
    </message>
    <message>
        <source>Remove step …</source>
        <translation>Schritt entfernen …</translation>
    </message>
    <message>
        <source>Steps agreed to&amp;wards this goal:</source>
        <translation>Vereinbarte Schritte zum gew&amp;ählten Ziel:</translation>
    </message>
    <message>
        <source>Remove this step?

{step}

Only for a step entered by mistake; this cannot be undone.</source>
        <translation>Diesen Schritt entfernen?

{step}

Nur für einen versehentlich erfassten Schritt; das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Remove step</source>
        <translation>Schritt entfernen</translation>
    </message>
</context>
<context>
    <name>GoalsTab</name>
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
        <source>E&amp;dit …</source>
        <translation>Bea&amp;rbeiten …</translation>
    </message>
    <message>
        <source>Remove …</source>
        <translation>Ent&amp;fernen …</translation>
    </message>
    <message>
        <source>Set stat&amp;us …</source>
        <translation>Stat&amp;us setzen …</translation>
    </message>
    <message>
        <source>Language of the goal agreement</source>
        <translation>Sprache der Zielvereinbarung</translation>
    </message>
    <message>
        <source>Agreed goals:</source>
        <translation>Vereinbarte Ziele:</translation>
    </message>
    <message>
        <source>Print goal agreement …</source>
        <translation>Zielvereinbarung dru&amp;cken …</translation>
    </message>
    <message>
        <source>Agree goal …</source>
        <translation>Ziel vereinbaren …</translation>
    </message>
    <message>
        <source>&amp;Beside German:</source>
        <translation>Z&amp;weite Sprache:</translation>
    </message>
    <message>
        <source>Remove this goal ({area}, agreed {date})?

{goal}

Only for a goal entered by mistake; this cannot be undone.</source>
        <translation>Dieses Ziel entfernen ({area}, vereinbart am {date})?

{goal}

Nur für ein versehentlich erfasstes Ziel; das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message numerus="yes">
        <source>Its %n agreed step(s) go with it.</source>
        <translation>
            <numerusform>Sein vereinbarter Schritt wird mit entfernt.</numerusform>
            <numerusform>Seine %n vereinbarten Schritte werden mit entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove goal</source>
        <translation>Ziel entfernen</translation>
    </message>
    <message>
        <source>Save goal agreement</source>
        <translation>Zielvereinbarung speichern</translation>
    </message>
    <message>
        <source>goal-agreement.pdf</source>
        <translation>Zielvereinbarung.pdf</translation>
    </message>
    <message>
        <source>Creating the goal agreement …</source>
        <translation>Zielvereinbarung wird erstellt …</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Gespeichert: {path}.</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>The case was handed over to a colleague: it is shown, not changed.</source>
        <translation>Der Fall wurde an eine Kolleg:in übergeben: Er wird nur angezeigt, nicht geändert.</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand over case</source>
        <translation>Fall übergeben</translation>
    </message>
    <message>
        <source>Only for co&amp;ver until …</source>
        <translation>Nur zur &amp;Vertretung bis …</translation>
    </message>
    <message>
        <source>Cover until</source>
        <translation>Vertretung bis</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>Kolleg:in</translation>
    </message>
    <message>
        <source>Hand over &amp;anyway</source>
        <translation>&amp;Trotzdem übergeben</translation>
    </message>
    <message>
        <source>&amp;Hand over …</source>
        <translation>&amp;Übergeben …</translation>
    </message>
    <message>
        <source>The case and its clients go to the colleague in one encrypted file that only they can open. Here the case stays, read-only, until you erase it.</source>
        <translation>Der Fall und seine Klient:innen gehen in einer verschlüsselten Datei an die Kolleg:in, die nur sie öffnen kann. Hier bleibt der Fall schreibgeschützt, bis Sie ihn löschen.</translation>
    </message>
    <message>
        <source>&amp;Colleague:</source>
        <translation>&amp;Kolleg:in:</translation>
    </message>
    <message>
        <source>&amp;Give in cover …</source>
        <translation>Zur Vertretung &amp;übergeben …</translation>
    </message>
    <message>
        <source>No colleague of the team can receive handovers yet: their key card must carry a key for handovers and be in the district configuration.</source>
        <translation>Noch keine Kolleg:in im Team kann Übergaben empfangen: Ihre Schlüsselkarte muss einen Schlüssel für Übergaben enthalten und in der Kreiskonfiguration stehen.</translation>
    </message>
    <message>
        <source>Fingerprint (compare by phone if in doubt): {fingerprint}</source>
        <translation>Fingerabdruck (im Zweifel telefonisch vergleichen): {fingerprint}</translation>
    </message>
    <message>
        <source>{count} person(s) of this case have no consent to documentation in force.</source>
        <translation>Für {count} Person(en) dieses Falls liegt keine gültige Einwilligung in die Dokumentation vor.</translation>
    </message>
</context>
<context>
    <name>HandoverImporter</name>
    <message>
        <source>Import hand&amp;over …</source>
        <translation>Ü&amp;bergabe einlesen …</translation>
    </message>
    <message>
        <source>Cases a colleague of the team handed over to you (.kimhandover).</source>
        <translation>Fälle, die Ihnen eine Kolleg:in aus dem Team übergeben hat (.kimhandover).</translation>
    </message>
    <message>
        <source>Handover result</source>
        <translation>Ergebnis der Übergabe</translation>
    </message>
    <message>
        <source>Import handover</source>
        <translation>Übergabe einlesen</translation>
    </message>
    <message>
        <source>KIM handovers (*.kimhandover);;All files (*)</source>
        <translation>KIM-Übergaben (*.kimhandover);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading the handover …</source>
        <translation>Die Übergabe wird gelesen …</translation>
    </message>
    <message>
        <source>This handover was imported already; nothing changed.</source>
        <translation>Diese Übergabe wurde bereits eingelesen; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Merged what {name} recorded during the cover into {cases} case(s): {added} record(s) added, {taken} taken over, {deleted} deleted, {side} kept side by side for you to decide in the case window.</source>
        <translation>Was {name} während der Vertretung erfasst hat, ist in {cases} Fall/Fälle übernommen: {added} Eintrag/Einträge hinzugefügt, {taken} übernommen, {deleted} gelöscht, {side} nebeneinander aufbewahrt – entscheiden Sie im Fallfenster.</translation>
    </message>
    <message>
        <source>Cover for {name}: {cases} case(s) to work on until {date}; then give them back with “Give back …” in the case window.</source>
        <translation>Vertretung für {name}: {cases} Fall/Fälle zur Bearbeitung bis {date}; danach im Fallfenster mit „Zurückgeben …“ zurückgeben.</translation>
    </message>
    <message>
        <source>Imported from {name}: {cases} case(s), {added} new person(s), {linked} linked to persons this file has already.</source>
        <translation>Von {name} eingelesen: {cases} Fall/Fälle, {added} neue Person(en), {linked} mit Personen verknüpft, die diese Datei schon enthält.</translation>
    </message>
    <message>
        <source>Person {id}: your record was kept; the handover&apos;s differs in: {fields}.</source>
        <translation>Person {id}: Ihr Datensatz wurde beibehalten; der übergebene weicht ab in: {fields}.</translation>
    </message>
    <message>
        <source>Importing the handover …</source>
        <translation>Die Übergabe wird eingelesen …</translation>
    </message>
</context>
<context>
    <name>HandoverState</name>
    <message>
        <source>Hand over case …</source>
        <translation>Fall übergeben …</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>Vertretung</translation>
    </message>
    <message>
        <source>&amp;Give back …</source>
        <translation>&amp;Zurückgeben …</translation>
    </message>
    <message>
        <source>Differences from the cover</source>
        <translation>Abweichungen aus der Vertretung</translation>
    </message>
    <message>
        <source>&amp;Differences …</source>
        <translation>&amp;Abweichungen …</translation>
    </message>
    <message>
        <source>Handed over to {name} on {date}. The case is shown only; erase it here when it is no longer needed.</source>
        <translation>Übergeben an {name} am {date}. Der Fall wird nur angezeigt; löschen Sie ihn hier, wenn er nicht mehr gebraucht wird.</translation>
    </message>
    <message>
        <source>Save handover</source>
        <translation>Übergabe speichern</translation>
    </message>
    <message>
        <source>KIM handovers (*.kimhandover)</source>
        <translation>KIM-Übergaben (*.kimhandover)</translation>
    </message>
    <message>
        <source>Writing the handover …</source>
        <translation>Die Übergabe wird geschrieben …</translation>
    </message>
    <message>
        <source>Given in cover to {name} until {date}: saved {path}.</source>
        <translation>Zur Vertretung an {name} bis {date} übergeben: {path} gespeichert.</translation>
    </message>
    <message>
        <source>Handed over to {name}: saved {path}.</source>
        <translation>An {name} übergeben: {path} gespeichert.</translation>
    </message>
    <message>
        <source>Give back</source>
        <translation>Zurückgeben</translation>
    </message>
    <message>
        <source>Give {count} case(s) back to {name}? The copy here becomes read-only and is due for erasure.</source>
        <translation>{count} Fall/Fälle an {name} zurückgeben? Die Kopie hier ist danach schreibgeschützt und zur Löschung fällig.</translation>
    </message>
    <message>
        <source>Given back to {name}: saved {path}.</source>
        <translation>An {name} zurückgegeben: {path} gespeichert.</translation>
    </message>
</context>
<context>
    <name>KeyCardWriter</name>
    <message>
        <source>Key id of this file</source>
        <translation>Schlüssel-ID dieser Datei</translation>
    </message>
    <message>
        <source>Write &amp;key card …</source>
        <translation>Schlüsselkarte spei&amp;chern …</translation>
    </message>
    <message>
        <source>A signed file with your name, role and public keys, for the coordination office&apos;s team list.</source>
        <translation>Eine signierte Datei mit Ihrem Namen, Ihrer Rolle und Ihren öffentlichen Schlüsseln für die Teamliste der Koordinierungsstelle.</translation>
    </message>
    <message>
        <source>Key card result</source>
        <translation>Ergebnis Schlüsselkarte</translation>
    </message>
    <message>
        <source>Key id: {key_id}</source>
        <translation>Schlüssel-ID: {key_id}</translation>
    </message>
    <message>
        <source>Write key card</source>
        <translation>Schlüsselkarte speichern</translation>
    </message>
    <message>
        <source>Key cards (*.kimkey)</source>
        <translation>Schlüsselkarten (*.kimkey)</translation>
    </message>
    <message>
        <source>Saved {file}. Give it to the coordination office and compare this fingerprint by phone: {fingerprint}</source>
        <translation>{file} gespeichert. Geben Sie die Datei an die Koordinierungsstelle und vergleichen Sie diesen Fingerabdruck am Telefon: {fingerprint}</translation>
    </message>
</context>
<context>
    <name>LanguageCombo</name>
    <message>
        <source>Please choose a language or type its ISO 639 code, e.g. ar or prs.</source>
        <translation>Bitte eine Sprache wählen oder ihren ISO-639-Code eingeben, z. B. ar oder prs.</translation>
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
    <message>
        <source>The policy of your IT department fixes the folder for case files but names none that can be used. Please tell your IT department.</source>
        <translation>Die Richtlinie Ihrer IT-Abteilung legt den Ordner für Fallakten fest, nennt aber keinen verwendbaren. Bitte wenden Sie sich an Ihre IT-Abteilung.</translation>
    </message>
    <message>
        <source>Your IT department keeps case files in {folder}.</source>
        <translation>Ihre IT-Abteilung legt Fallakten in {folder} ab.</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <source>Open &amp;another case file …</source>
        <translation>Andere Falldatei ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Enter the passphrase to continue. Everything is in the encrypted file, and open forms come back as you left them.</source>
        <translation>Geben Sie die Passphrase ein, um weiterzuarbeiten. Alles ist in der verschlüsselten Datei, und offene Formulare kommen so zurück, wie Sie sie verlassen haben.</translation>
    </message>
    <message>
        <source>{name} is locked</source>
        <translation>{name} ist gesperrt</translation>
    </message>
</context>
<context>
    <name>LogoPicker</name>
    <message>
        <source>Choose image …</source>
        <translation>Bild wählen …</translation>
    </message>
    <message>
        <source>Choose {name}</source>
        <translation>{name} wählen</translation>
    </message>
    <message>
        <source>PNG or JPEG, at most 512 KiB and 4000 pixels wide and high.</source>
        <translation>PNG oder JPEG, höchstens 512 KiB und 4000 Pixel breit und hoch.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>{name} entfernen</translation>
    </message>
    <message>
        <source>{name}: problem</source>
        <translation>{name}: Problem</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>Logo wählen</translation>
    </message>
    <message>
        <source>PNG or JPEG images (*.png *.jpg *.jpeg)</source>
        <translation>PNG- oder JPEG-Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
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
        <translation>Si&amp;cherung erstellen …</translation>
    </message>
    <message>
        <source>&amp;Restore from backup …</source>
        <translation>Aus Sicherung &amp;wiederherstellen …</translation>
    </message>
    <message>
        <source>Change &amp;passphrase …</source>
        <translation>&amp;Passphrase ändern …</translation>
    </message>
    <message>
        <source>Create re&amp;covery key …</source>
        <translation>Wiederherstellungsschlüsse&amp;l erstellen …</translation>
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
        <translation>&amp;Automatische Sperre …</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;First steps …</source>
        <translation>&amp;Erste Schritte …</translation>
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
        <source>This window cannot show a file of another role; start the program again.</source>
        <translation>Dieses Fenster kann keine Datei einer anderen Rolle zeigen; starten Sie das Programm neu.</translation>
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
    <message numerus="yes">
        <source>%Ln record(s) added.</source>
        <translation>
            <numerusform>%Ln Datensatz wurde hinzugefügt.</numerusform>
            <numerusform>%Ln Datensätze wurden hinzugefügt.</numerusform>
        </translation>
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
        <source>Set by your IT department</source>
        <translation>Von Ihrer IT-Abteilung festgelegt</translation>
    </message>
    <message>
        <source>This setting is fixed by the machine-wide policy of your IT department and cannot be changed here.</source>
        <translation>Diese Einstellung ist durch die Richtlinie Ihrer IT-Abteilung festgelegt und kann hier nicht geändert werden.</translation>
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
        <translation>K&amp;ommune:</translation>
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
        <source>&amp;Referred by:</source>
        <translation>Ver&amp;mittelt durch:</translation>
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
    <name>NotesTab</name>
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
        <source>Case notes:</source>
        <translation>Notizen zum &amp;Fall:</translation>
    </message>
    <message>
        <source>Follow-&amp;up (Wiedervorlage):</source>
        <translation>&amp;Wiedervorlage:</translation>
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
        <source>Due for erasure</source>
        <translation>Zur Löschung fällig</translation>
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
        <source>&amp;Your name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>&amp;District:</source>
        <translation>K&amp;reis oder kreisfreie Stadt:</translation>
    </message>
    <message>
        <source>Given by the district configuration your IT department has set.</source>
        <translation>Vorgegeben durch die Kreiskonfiguration, die Ihre IT-Abteilung eingerichtet hat.</translation>
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
        <source>Sho&amp;w passphrase</source>
        <translation>Passphrase im &amp;Klartext anzeigen</translation>
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
        <translation>Ent&amp;sperren</translation>
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
        <source>Sho&amp;w passphrase</source>
        <translation>Passphrase im &amp;Klartext anzeigen</translation>
    </message>
    <message>
        <source>Forgo&amp;t passphrase?</source>
        <translation>Passphrase &amp;vergessen?</translation>
    </message>
    <message>
        <source>Unlocking …</source>
        <translation>Wird entsperrt …</translation>
    </message>
    <message>
        <source>New passphrase set. Opening …</source>
        <translation>Neue Passphrase gesetzt. Die Datei wird geöffnet …</translation>
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
    <name>PersonsTab</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source> (restricted)</source>
        <translation> (eingeschränkt)</translation>
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
        <source>Add mem&amp;ber …</source>
        <translation>Person hinzuf&amp;ügen …</translation>
    </message>
    <message>
        <source>E&amp;dit client …</source>
        <translation>Klient:in bea&amp;rbeiten …</translation>
    </message>
    <message>
        <source>Ma&amp;ke primary</source>
        <translation>Zur Hauptperson machen</translation>
    </message>
    <message>
        <source>Remove from case …</source>
        <translation>Aus dem &amp;Fall entfernen …</translation>
    </message>
    <message>
        <source>Data copy (Art. 15) …</source>
        <translation>A&amp;uskunft nach Art. 15 …</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>Personen im Fall:</translation>
    </message>
    <message>
        <source>Consents of the selected member:</source>
        <translation>Einwilligungen der ausgew&amp;ählten Person:</translation>
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
        <source>Save copy of the client&apos;s data</source>
        <translation>Auskunft über die gespeicherten Daten speichern</translation>
    </message>
    <message>
        <source>data-copy-art15.pdf</source>
        <translation>Auskunft-Art15.pdf</translation>
    </message>
    <message>
        <source>Replace file</source>
        <translation>Datei ersetzen</translation>
    </message>
    <message>
        <source>{name} already exists. Replace it?</source>
        <translation>{name} gibt es schon. Ersetzen?</translation>
    </message>
    <message>
        <source>Creating the copy of the client&apos;s data …</source>
        <translation>Die Auskunft wird erstellt …</translation>
    </message>
    <message>
        <source>Saved {pdf} and {json}.</source>
        <translation>{pdf} und {json} gespeichert.</translation>
    </message>
    <message>
        <source>{count} free-text passage(s) withheld.</source>
        <translation>{count} Freitextpassage(n) zurückgehalten.</translation>
    </message>
    <message>
        <source>The district configuration names no controller or data-protection officer: fill in the marked line by hand.</source>
        <translation>Die Kreiskonfiguration nennt keine verantwortliche Stelle oder keine Datenschutzbeauftragte Person: Tragen Sie die markierte Zeile bitte von Hand ein.</translation>
    </message>
</context>
<context>
    <name>PrintConsentDialog</name>
    <message>
        <source>Print consent form</source>
        <translation>Einwilligungsformular drucken</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Organisation named on the form</source>
        <translation>Im Formular genannte Stelle</translation>
    </message>
    <message>
        <source>e.g. Jobcenter Kreis Wesel, Moers</source>
        <translation>z. B. Jobcenter Kreis Wesel, Moers</translation>
    </message>
    <message>
        <source>Organisation for {recipient}</source>
        <translation>Stelle für {recipient}</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
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
        <source>Second &amp;language:</source>
        <translation>Zweite &amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Recipients (optional):</source>
        <translation>&amp;Empfänger (optional):</translation>
    </message>
    <message>
        <source>A data transfer needs at least one recipient.</source>
        <translation>Eine Datenübermittlung braucht mindestens einen Empfänger.</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* Pflichtfeld</translation>
    </message>
    <message>
        <source>Required fields</source>
        <translation>Pflichtfelder</translation>
    </message>
    <message>
        <source>Please check the marked field.</source>
        <translation>Bitte das markierte Feld prüfen.</translation>
    </message>
    <message>
        <source>Please check the marked fields ({count}).</source>
        <translation>Bitte die markierten Felder prüfen ({count}).</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Throw away what you typed in this form?</source>
        <translation>Die Eingaben in diesem Formular verwerfen?</translation>
    </message>
    <message>
        <source>&amp;Discard input</source>
        <translation>Eingaben &amp;verwerfen</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Wiederherstellungsschlüssel</translation>
    </message>
    <message>
        <source>With this key a new passphrase can be set for {name} and for every backup made from now on, should the passphrase be forgotten. It is shown only this once: save the sheet and print it, or write the key down, and keep it sealed where your district keeps such keys — never with the laptop.</source>
        <translation>Mit diesem Schlüssel lässt sich für {name} und für jede ab jetzt erstellte Sicherung eine neue Passphrase setzen, falls die Passphrase vergessen wird. Er wird nur dieses eine Mal angezeigt: Speichern und drucken Sie das Blatt oder notieren Sie den Schlüssel, und bewahren Sie ihn versiegelt dort auf, wo Ihr Kreis solche Schlüssel aufbewahrt — nie beim Laptop.</translation>
    </message>
    <message>
        <source>{groups} groups of 5 characters; the last character of each group is a check character. Keep {sidecar} beside the case file: the key needs it.</source>
        <translation>{groups} Gruppen zu je 5 Zeichen; das letzte Zeichen jeder Gruppe ist ein Prüfzeichen. Lassen Sie {sidecar} neben der Fallakte liegen: Der Schlüssel braucht diese Datei.</translation>
    </message>
    <message>
        <source>&amp;Save sheet …</source>
        <translation>Blatt &amp;speichern …</translation>
    </message>
    <message>
        <source>I have &amp;printed or written down the key</source>
        <translation>Ich habe den Schlüssel ausge&amp;druckt oder notiert</translation>
    </message>
    <message>
        <source>&amp;Activate key</source>
        <translation>Schlüssel &amp;aktivieren</translation>
    </message>
    <message>
        <source>Save recovery key sheet</source>
        <translation>Blatt mit dem Wiederherstellungsschlüssel speichern</translation>
    </message>
    <message>
        <source>Sheet saved as {path}. Print it, then delete the PDF.</source>
        <translation>Blatt gespeichert als {path}. Drucken Sie es aus und löschen Sie danach die PDF-Datei.</translation>
    </message>
    <message>
        <source>The recovery key was not activated.</source>
        <translation>Der Wiederherstellungsschlüssel wurde nicht aktiviert.</translation>
    </message>
    <message>
        <source>Replace recovery key</source>
        <translation>Wiederherstellungsschlüssel ersetzen</translation>
    </message>
    <message>
        <source>This file already has a recovery key. A new key replaces it: the old sheet will no longer open this file or backups made from now on (older backups still open with it). Create a new key?</source>
        <translation>Diese Datei hat schon einen Wiederherstellungsschlüssel. Ein neuer Schlüssel ersetzt ihn: Das alte Blatt öffnet dann weder diese Datei noch ab jetzt erstellte Sicherungen (ältere Sicherungen öffnet es weiterhin). Neuen Schlüssel erstellen?</translation>
    </message>
    <message>
        <source>Recovery key activated.</source>
        <translation>Wiederherstellungsschlüssel aktiviert.</translation>
    </message>
</context>
<context>
    <name>ReferralDialog</name>
    <message>
        <source>Referral</source>
        <translation>Verweis</translation>
    </message>
    <message>
        <source>Correct referral</source>
        <translation>Verweis korrigieren</translation>
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
    <message>
        <source>The consent to exchange data with this recipient was withdrawn on {date}: share no data about the client with it.</source>
        <translation>Die Einwilligung in den Datenaustausch mit dieser Stelle wurde am {date} widerrufen: Geben Sie keine Daten der Klient:in an sie weiter.</translation>
    </message>
</context>
<context>
    <name>ReferralsTab</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
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
        <source>Refer …</source>
        <translation>Ver&amp;weisen …</translation>
    </message>
    <message>
        <source>E&amp;dit …</source>
        <translation>Bea&amp;rbeiten …</translation>
    </message>
    <message>
        <source>Remove …</source>
        <translation>Ent&amp;fernen …</translation>
    </message>
    <message>
        <source>O&amp;utcome of the selected referral:</source>
        <translation>Er&amp;gebnis des ausgewählten Verweises:</translation>
    </message>
    <message>
        <source>Referrals:</source>
        <translation>Verweise:</translation>
    </message>
    <message>
        <source>Remove the referral of {date} to {target}? Only for a referral entered by mistake; this cannot be undone.</source>
        <translation>Den Verweis vom {date} an {target} entfernen? Nur für einen versehentlich erfassten Verweis; das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Remove referral</source>
        <translation>Verweis entfernen</translation>
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
    <name>Restore</name>
    <message>
        <source>Restore from backup</source>
        <translation>Aus Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>KIM case files (*.kim);;All files (*)</source>
        <translation>KIM-Falldateien (*.kim);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Replace the case file {file} with the backup {backup}?

Everything entered after the backup was made is lost. The backup is checked completely before anything is replaced; the window is locked meanwhile.</source>
        <translation>Die Falldatei {file} durch die Sicherung {backup} ersetzen?

Alles, was nach dem Erstellen der Sicherung eingegeben wurde, geht verloren. Die Sicherung wird vollständig geprüft, bevor etwas ersetzt wird; das Fenster ist währenddessen gesperrt.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Passphrase of the backup:</source>
        <translation>Passphrase der Sicherung:</translation>
    </message>
    <message>
        <source>The backup was restored. Enter its passphrase to open the file.</source>
        <translation>Die Sicherung wurde wiederhergestellt. Geben Sie ihre Passphrase ein, um die Datei zu öffnen.</translation>
    </message>
    <message>
        <source>Backup not restored</source>
        <translation>Sicherung nicht wiederhergestellt</translation>
    </message>
    <message>
        <source>The case file was not changed.</source>
        <translation>Die Falldatei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Checking and restoring the backup …</source>
        <translation>Die Sicherung wird geprüft und wiederhergestellt …</translation>
    </message>
</context>
<context>
    <name>RestrictDialog</name>
    <message>
        <source>Restrict processing</source>
        <translation>Verarbeitung einschränken</translation>
    </message>
    <message>
        <source>Restrict the processing of {name} as of {date}?

Their data are then only kept and shown: they cannot be changed, are left out of every export and are not printed, except their own copy under Art. 15. A case of restricted persons only can no longer be changed; anonymous figures still count them. A withdrawal of consent can still be recorded. The restriction stays until it is lifted explicitly.</source>
        <translation>Die Verarbeitung der Daten von {name} ab {date} einschränken?

Die Daten werden dann nur noch gespeichert und angezeigt: Sie können nicht geändert werden, fehlen in jedem Export und werden nicht gedruckt – außer in der Auskunft an die Person selbst nach Art. 15. Ein Fall, in dem alle Personen eingeschränkt sind, kann nicht mehr geändert werden; die anonymen Kennzahlen zählen die Person weiter. Der Widerruf einer Einwilligung kann weiterhin erfasst werden. Die Einschränkung gilt, bis sie ausdrücklich aufgehoben wird.</translation>
    </message>
    <message>
        <source>Reason for the restriction</source>
        <translation>Grund der Einschränkung</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Restrict</source>
        <translation>Einschränken</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
</context>
<context>
    <name>RestrictionState</name>
    <message>
        <source>Restriction of processing</source>
        <translation>Einschränkung der Verarbeitung</translation>
    </message>
    <message>
        <source>Processing of every person of this case is restricted (Art. 18 GDPR).</source>
        <translation>Die Verarbeitung aller Personen dieses Falls ist eingeschränkt (Art. 18 DSGVO).</translation>
    </message>
    <message>
        <source>Processing restricted (Art. 18 GDPR): {names}. What is about them is shown only; the case stays workable for the others.</source>
        <translation>Verarbeitung eingeschränkt (Art. 18 DSGVO): {names}. Was sie betrifft, wird nur angezeigt; für die anderen Personen bleibt der Fall bearbeitbar.</translation>
    </message>
</context>
<context>
    <name>RetentionView</name>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient:in</translation>
    </message>
    <message>
        <source>Case closed on {date}</source>
        <translation>Fall abgeschlossen am {date}</translation>
    </message>
    <message>
        <source>Cover ended on {date}</source>
        <translation>Vertretung beendet am {date}</translation>
    </message>
    <message>
        <source>Cover copy returned on {date}</source>
        <translation>Vertretungskopie zurückgegeben am {date}</translation>
    </message>
    <message>
        <source>Documentation consent withdrawn on {date}</source>
        <translation>Einwilligung in die Dokumentation widerrufen am {date}</translation>
    </message>
    <message>
        <source>All cases are due (the last one closed on {date})</source>
        <translation>Alle Fälle sind fällig (der letzte abgeschlossen am {date})</translation>
    </message>
    <message>
        <source>Restricted since {date}</source>
        <translation>Eingeschränkt seit {date}</translation>
    </message>
    <message>
        <source>1 entry is due for erasure.</source>
        <translation>1 Eintrag ist zur Löschung fällig.</translation>
    </message>
    <message>
        <source>{count} entries are due for erasure.</source>
        <translation>{count} Einträge sind zur Löschung fällig.</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Restriction (Art. 18)</source>
        <translation>Einschränkung (Art. 18)</translation>
    </message>
    <message>
        <source>Erasing removes a case or a client with everything that names them; the figures of years and quarters that have ended stay as they are.</source>
        <translation>Beim Löschen wird ein Fall oder eine Klient:in mit allem entfernt, was sie nennt; die Zahlen abgeschlossener Jahre und Quartale bleiben unverändert.</translation>
    </message>
    <message>
        <source>Erase everything due …</source>
        <translation>Alle fälligen löschen …</translation>
    </message>
    <message>
        <source>Erase selection …</source>
        <translation>Auswahl löschen …</translation>
    </message>
    <message>
        <source>Press Enter or double-click a line to open its case or client.</source>
        <translation>Mit Enter oder Doppelklick öffnen Sie den Fall oder die Klient:in einer Zeile.</translation>
    </message>
    <message>
        <source>Restrict processing …</source>
        <translation>Einschränken …</translation>
    </message>
    <message>
        <source>Restrict processing</source>
        <translation>Verarbeitung einschränken</translation>
    </message>
    <message>
        <source>Instead of erasing: keep the client&apos;s data restricted (Art. 18 GDPR), e.g. when a law requires keeping them. Shown only; not changed, exported or printed.</source>
        <translation>Statt Löschung: Die Verarbeitung der Daten der Klient:in einschränken (Art. 18 DSGVO), z. B. wenn ein Gesetz die Aufbewahrung verlangt. Nur zur Ansicht; keine Änderung, kein Export, kein Druck.</translation>
    </message>
    <message>
        <source>Due for erasure</source>
        <translation>Zur Löschung fällig</translation>
    </message>
    <message>
        <source>Due within {days} days</source>
        <translation>Fällig in den nächsten {days} Tagen</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source>Reading …</source>
        <translation>Wird gelesen …</translation>
    </message>
    <message>
        <source>Closed cases are kept for {years} years after closing (district configuration); a withdrawn consent to documentation makes the client due at once.</source>
        <translation>Abgeschlossene Fälle werden {years} Jahre nach dem Abschluss aufbewahrt (Konfiguration des Kreises); widerruft eine Klient:in die Einwilligung in die Dokumentation, sind ihre Daten sofort fällig.</translation>
    </message>
    <message>
        <source>Nothing is due for erasure.</source>
        <translation>Nichts ist zur Löschung fällig.</translation>
    </message>
</context>
<context>
    <name>SignedConsentDialog</name>
    <message>
        <source>Record signed consent</source>
        <translation>Unterschriebene Einwilligung erfassen</translation>
    </message>
    <message>
        <source>Check what {name} signed and ticked on the printed form. Only what is checked here is recorded.</source>
        <translation>Haken Sie an, was {name} auf dem gedruckten Formular unterschrieben und angekreuzt hat. Erfasst wird nur, was hier angehakt ist.</translation>
    </message>
    <message>
        <source>Consent to case documentation signed</source>
        <translation>Einwilligung in die Falldokumentation unterschrieben</translation>
    </message>
    <message>
        <source>Ticked: {recipient}</source>
        <translation>Angekreuzt: {recipient}</translation>
    </message>
    <message>
        <source>Whether the health-data box is ticked is kept on the signed form: file it with the case.</source>
        <translation>Ob das Feld zu Gesundheitsdaten angekreuzt ist, steht auf dem unterschriebenen Formular: Legen Sie es zur Akte.</translation>
    </message>
    <message>
        <source>Check what the client signed.</source>
        <translation>Haken Sie an, was die Person unterschrieben hat.</translation>
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
        <source>District configuration</source>
        <translation>Kreiskonfiguration</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Municipality</source>
        <translation>Kommune</translation>
    </message>
    <message>
        <source>Create &amp;report (PDF) …</source>
        <translation>&amp;Bericht erstellen (PDF) …</translation>
    </message>
    <message>
        <source>Create report (PDF)</source>
        <translation>Bericht erstellen (PDF)</translation>
    </message>
    <message>
        <source>Report status</source>
        <translation>Berichtsstatus</translation>
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
        <source>All municipalities</source>
        <translation>Alle Kommunen</translation>
    </message>
    <message>
        <source>Counting …</source>
        <translation>Wird gezählt …</translation>
    </message>
    <message>
        <source>Save statistics report</source>
        <translation>Statistikbericht speichern</translation>
    </message>
    <message>
        <source>statistics-report-{period}.pdf</source>
        <translation>Statistikbericht-{period}.pdf</translation>
    </message>
    <message>
        <source>Creating the report …</source>
        <translation>Bericht wird erstellt …</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>Gespeichert: {path}.</translation>
    </message>
    <message>
        <source>No bundles for this period have been imported: no report.</source>
        <translation>Für diesen Zeitraum wurden keine Bündel importiert: kein Bericht.</translation>
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
        <source>{where}: no bundles for this period have been imported, so there is no data. District figures add up the bundles of exactly this period.</source>
        <translation>{where}: Für diesen Zeitraum wurden keine Bündel importiert, es gibt also keine Daten. Die Kreiszahlen addieren die Bündel genau dieses Zeitraums.</translation>
    </message>
    <message>
        <source>Interpreting not recorded</source>
        <translation>Sprachmittlung nicht erfasst</translation>
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
    <message>
        <source>Counselling appointments by interpreting</source>
        <translation>Beratungstermine nach Sprachmittlung</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>Agree step</source>
        <translation>Schritt vereinbaren</translation>
    </message>
    <message>
        <source>Correct step</source>
        <translation>Schritt korrigieren</translation>
    </message>
    <message>
        <source>What happens next, in one sentence</source>
        <translation>Was als Nächstes geschieht, in einem Satz</translation>
    </message>
    <message>
        <source>e.g. client, case management, Ms K. (job centre)</source>
        <translation>z. B. Klientin, Case Management, Frau K. (Jobcenter)</translation>
    </message>
    <message>
        <source>By when</source>
        <translation>Bis wann</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <source>&amp;Step:</source>
        <translation>&amp;Schritt:</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>&amp;Wer:</translation>
    </message>
    <message>
        <source>&amp;By when:</source>
        <translation>&amp;Bis wann:</translation>
    </message>
    <message>
        <source>D&amp;one on:</source>
        <translation>Erle&amp;digt am:</translation>
    </message>
</context>
<context>
    <name>StepDoneDialog</name>
    <message>
        <source>Step done</source>
        <translation>Schritt erledigt</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Schritt:</translation>
    </message>
    <message>
        <source>&amp;Done on:</source>
        <translation>Erle&amp;digt am:</translation>
    </message>
</context>
<context>
    <name>SyncBundleView</name>
    <message>
        <source>District</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <source>Municipalities</source>
        <translation>Kommunen</translation>
    </message>
    <message>
        <source>Small-cell threshold k</source>
        <translation>Schwelle k für kleine Fallzahlen</translation>
    </message>
    <message>
        <source>Coordination office</source>
        <translation>Koordinierungsstelle</translation>
    </message>
    <message>
        <source>Coordination office fingerprint</source>
        <translation>Fingerabdruck der Koordinierungsstelle</translation>
    </message>
    <message>
        <source>Fingerprint of this file&apos;s signing key</source>
        <translation>Fingerabdruck des Signaturschlüssels dieser Datei</translation>
    </message>
    <message>
        <source>&amp;Import district configuration …</source>
        <translation>Kreiskonfiguration &amp;importieren …</translation>
    </message>
    <message>
        <source>District:</source>
        <translation>Kreis:</translation>
    </message>
    <message>
        <source>Municipalities:</source>
        <translation>Kommunen:</translation>
    </message>
    <message>
        <source>Small-cell threshold k:</source>
        <translation>Schwelle k:</translation>
    </message>
    <message>
        <source>Coordination office:</source>
        <translation>Koordinierungsstelle:</translation>
    </message>
    <message>
        <source>Its fingerprint:</source>
        <translation>Fingerabdruck der Stelle:</translation>
    </message>
    <message>
        <source>Your fingerprint:</source>
        <translation>Fingerabdruck dieser Datei:</translation>
    </message>
    <message>
        <source>District configuration</source>
        <translation>Kreiskonfiguration</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Bundles exported</source>
        <translation>Exportierte Bündel</translation>
    </message>
    <message>
        <source>P&amp;review</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>Save &amp;bundle …</source>
        <translation>Bündel &amp;speichern …</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Bundle status</source>
        <translation>Bündelstatus</translation>
    </message>
    <message>
        <source>Bundle for the coordination office</source>
        <translation>Bündel für die Koordinierungsstelle</translation>
    </message>
    <message>
        <source>Sync bundle</source>
        <translation>Sync-Bündel</translation>
    </message>
    <message>
        <source>No district configuration yet. Ask your coordination office for the district configuration file (.kimdistrict) and import it; compare the fingerprint shown with the office by phone.</source>
        <translation>Noch keine Kreiskonfiguration. Bitten Sie Ihre Koordinierungsstelle um die Datei (.kimdistrict) und importieren Sie sie; vergleichen Sie den angezeigten Fingerabdruck telefonisch mit der Stelle.</translation>
    </message>
    <message>
        <source>Bundles are encrypted to this coordination office; only it can read them.</source>
        <translation>Bündel werden für diese Koordinierungsstelle verschlüsselt; nur sie kann sie lesen.</translation>
    </message>
    <message>
        <source>{k} (smaller counts of persons never leave as they are)</source>
        <translation>{k} (kleinere Personenzahlen verlassen den Laptop nie unverändert)</translation>
    </message>
    <message>
        <source>Choose the period and press Preview: you see exactly what the bundle would carry before anything is saved.</source>
        <translation>Wählen Sie den Zeitraum und drücken Sie Vorschau: Sie sehen genau, was das Bündel enthalten würde, bevor etwas gespeichert wird.</translation>
    </message>
    <message>
        <source>Import district configuration</source>
        <translation>Kreiskonfiguration importieren</translation>
    </message>
    <message>
        <source>District configurations (*.kimdistrict);;All files (*)</source>
        <translation>Kreiskonfigurationen (*.kimdistrict);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Call your coordination office and have them read out their fingerprint. Import the configuration only if all 40 digits are the same as here.</source>
        <translation>Rufen Sie Ihre Koordinierungsstelle an und lassen Sie sich den Fingerabdruck vorlesen. Importieren Sie die Konfiguration nur, wenn alle 40 Ziffern mit diesen übereinstimmen.</translation>
    </message>
    <message>
        <source>Your coordination office hands the district over to a new coordinator key: the key you trust signed this configuration. After the import, only configurations of the new key below are accepted, and your bundles are encrypted to it.</source>
        <translation>Ihre Koordinierungsstelle übergibt den Kreis an einen neuen Schlüssel: Der Schlüssel, dem Sie vertrauen, hat diese Konfiguration signiert. Nach dem Import werden nur noch Konfigurationen des unten angezeigten neuen Schlüssels angenommen, und Ihre Bündel werden für ihn verschlüsselt.</translation>
    </message>
    <message>
        <source>District: {district}
Coordination office: {name}
Municipalities: {municipalities}
Small-cell threshold k: {k}</source>
        <translation>Kreis: {district}
Koordinierungsstelle: {name}
Kommunen: {municipalities}
Schwelle k: {k}</translation>
    </message>
    <message>
        <source>&amp;Fingerprint matches, import</source>
        <translation>&amp;Fingerabdruck stimmt, importieren</translation>
    </message>
    <message>
        <source>The district configuration was not imported.</source>
        <translation>Die Kreiskonfiguration wurde nicht importiert.</translation>
    </message>
    <message>
        <source>It is signed by a different coordinator key than the one this file trusts.</source>
        <translation>Sie ist mit einem anderen Schlüssel der Koordinierungsstelle signiert als dem, dem diese Datei vertraut.</translation>
    </message>
    <message>
        <source>The case file is closed.</source>
        <translation>Die Falldatei ist geschlossen.</translation>
    </message>
    <message>
        <source>Type the 40 digits the coordination office read out.</source>
        <translation>Tippen Sie die 40 Ziffern ein, die Ihnen die Koordinierungsstelle vorgelesen hat.</translation>
    </message>
    <message>
        <source>These digits are not the fingerprint of the key that signed this configuration. Check them with your coordination office; nothing was imported.</source>
        <translation>Diese Ziffern sind nicht der Fingerabdruck des Schlüssels, mit dem diese Konfiguration signiert ist. Prüfen Sie sie mit Ihrer Koordinierungsstelle; es wurde nichts importiert.</translation>
    </message>
    <message>
        <source>District configuration imported: {district}, {count} municipalities, k = {k} (issue {serial}).</source>
        <translation>Kreiskonfiguration importiert: {district}, {count} Kommunen, k = {k} (Ausgabe {serial}).</translation>
    </message>
    <message>
        <source>It carries the district&apos;s and the state programme&apos;s logo.</source>
        <translation>Sie enthält das Logo des Kreises und das des Landesprogramms.</translation>
    </message>
    <message>
        <source>It carries a logo for the statistics report.</source>
        <translation>Sie enthält ein Logo für den Statistikbericht.</translation>
    </message>
    <message>
        <source>Import the district configuration first.</source>
        <translation>Importieren Sie zuerst die Kreiskonfiguration.</translation>
    </message>
    <message>
        <source>Preparing the preview …</source>
        <translation>Vorschau wird vorbereitet …</translation>
    </message>
    <message>
        <source>Nothing can be exported while a structural gap looks like it contains personal data.</source>
        <translation>Solange eine Strukturlücke personenbezogene Daten zu enthalten scheint, kann nichts exportiert werden.</translation>
    </message>
    <message>
        <source>{appointments} appointments, {cases} cases, {gaps} structural gaps</source>
        <translation>{appointments} Termine, {cases} Fälle, {gaps} Strukturlücken</translation>
    </message>
    <message>
        <source>without a municipality</source>
        <translation>ohne Kommune</translation>
    </message>
    <message>
        <source>Nothing can be exported: these records of the period lie outside the municipalities of the district configuration and would be left out.</source>
        <translation>Export nicht möglich: Diese Einträge des Zeitraums liegen außerhalb der Kommunen der Kreiskonfiguration und würden fehlen.</translation>
    </message>
    <message>
        <source>Ask the coordination office to add the municipality to the district configuration, or correct the records (appointments without a municipality: give them theirs).</source>
        <translation>Bitten Sie die Koordinierungsstelle, die Kommune in die Kreiskonfiguration aufzunehmen, oder berichtigen Sie die Einträge (Termine ohne Kommune: Kommune eintragen).</translation>
    </message>
    <message>
        <source>Preview of {period}. Save the bundle to send it.</source>
        <translation>Vorschau für {period}. Speichern Sie das Bündel, um es zu senden.</translation>
    </message>
    <message>
        <source>Save bundle</source>
        <translation>Bündel speichern</translation>
    </message>
    <message>
        <source>KIM bundles (*.kimbundle)</source>
        <translation>KIM-Bündel (*.kimbundle)</translation>
    </message>
    <message>
        <source>Saved {file} (revision {revision}, {count} municipalities, {gaps} structural gap texts). Hand it to the coordination office: USB stick, e-mail or shared folder — only it can open it.</source>
        <translation>{file} gespeichert (Revision {revision}, {count} Kommunen, {gaps} Texte von Strukturlücken). Geben Sie es an die Koordinierungsstelle: USB-Stick, E-Mail oder gemeinsamer Ordner – nur sie kann es öffnen.</translation>
    </message>
    <message>
        <source>Saving the bundle …</source>
        <translation>Bündel wird gespeichert …</translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Handovers</source>
        <translation>Übergaben</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>Teammitglieder</translation>
    </message>
    <message>
        <source>Bundles from enrolled colleagues are imported without asking. A revoked key&apos;s later bundles are rejected; the next district configuration tells the team.</source>
        <translation>Bündel von aufgenommenen Kolleg:innen werden ohne Rückfrage importiert. Spätere Bündel eines gesperrten Schlüssels werden abgelehnt; die nächste Kreiskonfiguration teilt das dem Team mit.</translation>
    </message>
    <message>
        <source>&amp;Enrol key card …</source>
        <translation>Schlüsselkarte auf&amp;nehmen …</translation>
    </message>
    <message>
        <source>Revoke ke&amp;y …</source>
        <translation>Schlüssel s&amp;perren …</translation>
    </message>
    <message>
        <source>Team status</source>
        <translation>Teamstatus</translation>
    </message>
    <message>
        <source>case manager</source>
        <translation>Fallmanager:in</translation>
    </message>
    <message>
        <source>coordinator</source>
        <translation>Koordinierungsstelle</translation>
    </message>
    <message>
        <source>can receive cases</source>
        <translation>kann Fälle übernehmen</translation>
    </message>
    <message>
        <source>needs a new key card to receive cases</source>
        <translation>braucht eine neue Schlüsselkarte, um Fälle zu übernehmen</translation>
    </message>
    <message>
        <source>enrolled on {date}</source>
        <translation>aufgenommen am {date}</translation>
    </message>
    <message>
        <source>revoked on {date}</source>
        <translation>gesperrt am {date}</translation>
    </message>
    <message>
        <source>Enrol key card</source>
        <translation>Schlüsselkarte aufnehmen</translation>
    </message>
    <message>
        <source>Key cards (*.kimkey);;All files (*)</source>
        <translation>Schlüsselkarten (*.kimkey);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>{name} ({role}), district: {district}, key id {key_id}</source>
        <translation>{name} ({role}), Kreis: {district}, Schlüssel-ID {key_id}</translation>
    </message>
    <message>
        <source>Call {name} and compare the fingerprint: they see it when they write the key card. Enrol the key only if all 40 digits are the same.</source>
        <translation>Rufen Sie {name} an und vergleichen Sie den Fingerabdruck: Er wird beim Speichern der Schlüsselkarte angezeigt. Nehmen Sie den Schlüssel nur auf, wenn alle 40 Ziffern übereinstimmen.</translation>
    </message>
    <message>
        <source>Fingerprint compared, &amp;enrol</source>
        <translation>Fingerabdruck verglichen, &amp;aufnehmen</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>Nicht aufgenommen.</translation>
    </message>
    <message>
        <source>{name} is enrolled already.</source>
        <translation>{name} ist bereits aufgenommen.</translation>
    </message>
    <message>
        <source>{name} is enrolled. Export the district configuration again so the team learns of it.</source>
        <translation>{name} ist aufgenommen. Exportieren Sie die Kreiskonfiguration erneut, damit das Team davon erfährt.</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Schlüssel sperren</translation>
    </message>
    <message>
        <source>Revoke the key of {name} (key id {key_id})? Bundles they send from now on are rejected; bundles imported before stay. This cannot be undone.</source>
        <translation>Den Schlüssel von {name} (Schlüssel-ID {key_id}) sperren? Bündel, die ab jetzt kommen, werden abgelehnt; bereits importierte Bündel bleiben. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>&amp;Revoke</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>The key of {name} is revoked. Export the district configuration again so the team learns of it.</source>
        <translation>Der Schlüssel von {name} ist gesperrt. Exportieren Sie die Kreiskonfiguration erneut, damit das Team davon erfährt.</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <source>hh:mm, optional</source>
        <translation>hh:mm, optional</translation>
    </message>
    <message>
        <source>Please type a time such as 9:30, or leave the field empty.</source>
        <translation>Bitte eine Uhrzeit wie 9:30 eingeben oder das Feld leer lassen.</translation>
    </message>
</context>
<context>
    <name>TimelineTab</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
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
        <source>Events in &amp;date order:</source>
        <translation>Erei&amp;gnisse nach Datum:</translation>
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
        <source>Consent:</source>
        <translation>Einwilligung:</translation>
    </message>
    <message>
        <source>&amp;Withdrawn on:</source>
        <translation>&amp;Widerrufen am:</translation>
    </message>
    <message>
        <source>Record that this consent ({consent}) was withdrawn on {date}? This cannot be undone.</source>
        <translation>Erfassen, dass diese Einwilligung ({consent}) am {date} widerrufen wurde? Das kann nicht rückgängig gemacht werden.</translation>
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
