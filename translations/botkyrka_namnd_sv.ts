<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>Om %1</translation>
    </message>
    <message>
        <source>About the program</source>
        <translation>Om programmet</translation>
    </message>
    <message>
        <source>Read notices item by item, search across meetings, keep your own notes and read secret parts safely. Everything stays on this computer.</source>
        <translation>Läs kallelser ärende för ärende, sök i alla möten, för egna anteckningar och läs sekretessbelagda delar säkert. Allt stannar på den här datorn.</translation>
    </message>
    <message>
        <source>Licensed under the %1. The source code comes with the program.</source>
        <translation>Licensierat under %1. Källkoden följer med programmet.</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Om</translation>
    </message>
    <message>
        <source>The program&apos;s licence</source>
        <translation>Programmets licens</translation>
    </message>
    <message>
        <source>&amp;Licence</source>
        <translation>&amp;Licens</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licens</translation>
    </message>
    <message>
        <source>Third-party software and their licences</source>
        <translation>Tredjepartsprogram och deras licenser</translation>
    </message>
    <message>
        <source>&amp;Third-party software</source>
        <translation>&amp;Tredjepartsprogram</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>No.</source>
        <translation>Nr</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Ärende</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>Dnr</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n anteckning</numerusform>
            <numerusform>%n anteckningar</numerusform>
        </translation>
    </message>
    <message>
        <source>planned position: %1</source>
        <translation>planerad hållning: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n highlight(s) to review</source>
        <translation>
            <numerusform>%n markering behöver granskas</numerusform>
            <numerusform>%n markeringar behöver granskas</numerusform>
        </translation>
    </message>
    <message>
        <source>contains a secret part</source>
        <translation>innehåller en sekretessbelagd del</translation>
    </message>
    <message>
        <source>tabled</source>
        <translation>bordlagt</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Action of this message</source>
        <translation>Meddelandets åtgärd</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <source>Removed words are struck through, new words underlined; amounts, dates and names are in bold.</source>
        <translation>Borttagna ord är överstrukna och nya ord understrukna; belopp, datum och namn står i fetstil.</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Vad som ändrats</translation>
    </message>
    <message>
        <source>Comparing the versions…</source>
        <translation>Jämför versionerna…</translation>
    </message>
    <message>
        <source>Nothing has changed since the version you read.</source>
        <translation>Inget har ändrats sedan den version du läste.</translation>
    </message>
    <message>
        <source>compared with the version you read</source>
        <translation>jämfört med den version du läste</translation>
    </message>
    <message>
        <source>compared with the previous version</source>
        <translation>jämfört med den förra versionen</translation>
    </message>
    <message>
        <source>version %1 → %2</source>
        <translation>version %1 → %2</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>Highlight with comment</source>
        <translation>Färgmarkera med kommentar</translation>
    </message>
    <message>
        <source>Edit highlight</source>
        <translation>Ändra markering</translation>
    </message>
    <message>
        <source>&amp;Comment (optional):</source>
        <translation>&amp;Kommentar (valfri):</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Taggar:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Spara</translation>
    </message>
    <message>
        <source>&amp;Highlight</source>
        <translation>&amp;Färgmarkera</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Något gick fel</translation>
    </message>
    <message>
        <source>An unexpected error occurred. Your documents and notes are safe; what was saved before the error is still saved.

If it happens again, copy the report below and send it to support. It contains no document text and no secret content.</source>
        <translation>Ett oväntat fel inträffade. Dina handlingar och anteckningar är i säkerhet; det som sparades före felet finns kvar.

Om det händer igen: kopiera rapporten nedan och skicka den till supporten. Den innehåller ingen text ur handlingarna och inget sekretessbelagt.</translation>
    </message>
    <message>
        <source>Error report</source>
        <translation>Felrapport</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Kopiera rapporten</translation>
    </message>
</context>
<context>
    <name>DocumentPage</name>
    <message>
        <source>Back to the item</source>
        <translation>Tillbaka till ärendet</translation>
    </message>
    <message>
        <source>Back to the item (Alt+Left)</source>
        <translation>Tillbaka till ärendet (Alt+Vänsterpil)</translation>
    </message>
    <message>
        <source>Version of the document</source>
        <translation>Handlingens version</translation>
    </message>
    <message>
        <source>A re-issued notice keeps the earlier versions: choose one to read it</source>
        <translation>En omutskickad kallelse behåller de tidigare versionerna: välj en för att läsa den</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Föregående sida</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Föregående sida (Page Up)</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Sidnummer</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Nästa sida</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Nästa sida (Page Down)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zooma ut</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Zooma ut (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zooma in</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Zooma in (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Anpassa till bredden</translation>
    </message>
    <message>
        <source>Fit to width (Ctrl+0)</source>
        <translation>Anpassa till bredden (Ctrl+0)</translation>
    </message>
    <message>
        <source>Highlight on this page…</source>
        <translation>Färgmarkera…</translation>
    </message>
    <message>
        <source>Choose a passage of this page&apos;s text to highlight (Ctrl+H)</source>
        <translation>Välj ett stycke i sidans text att färgmarkera (Ctrl+H)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Show the document as text (headings, lists, tables); click again for the PDF page</source>
        <translation>Visa handlingen som text (rubriker, listor, tabeller); klicka igen för PDF-sidan</translation>
    </message>
    <message>
        <source>Find in document</source>
        <translation>Sök i handlingen</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Föregående träff</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Föregående träff (Skift+F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Nästa träff</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nästa träff (F3)</translation>
    </message>
    <message>
        <source>Document pages</source>
        <translation>Handlingens sidor</translation>
    </message>
    <message>
        <source>Document text</source>
        <translation>Handlingens text</translation>
    </message>
    <message>
        <source>My notes on this item</source>
        <translation>Mina anteckningar om ärendet</translation>
    </message>
    <message>
        <source>Version %1 (current)</source>
        <translation>Version %1 (gällande)</translation>
    </message>
    <message>
        <source>Version %1 (from %2)</source>
        <translation>Version %1 (från %2)</translation>
    </message>
    <message>
        <source>An earlier version: not the one in force</source>
        <translation>En tidigare version: inte den gällande</translation>
    </message>
    <message>
        <source>Withdrawn at the source: kept here with your notes</source>
        <translation>Återkallad hos källan: finns kvar här med dina anteckningar</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>av %1</translation>
    </message>
    <message>
        <source>Page %1 of the notice</source>
        <translation>Sida %1 i kallelsen</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Bredd</translation>
    </message>
    <message>
        <source>Zoom: %1</source>
        <translation>Zoom: %1</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Inga träffar</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 av %2</translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message>
        <source>(version %1)</source>
        <translation>(version %1)</translation>
    </message>
    <message>
        <source>(withdrawn at the source)</source>
        <translation>(återkallad hos källan)</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n sida</numerusform>
            <numerusform>%n sidor</numerusform>
        </translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>text only</source>
        <translation>endast text</translation>
    </message>
</context>
<context>
    <name>Draft</name>
    <message>
        <source>Not saved yet…</source>
        <translation>Inte sparat ännu…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Sparar…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Sparad %1</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Import notices</source>
        <translation>Importera kallelser</translation>
    </message>
    <message>
        <source>Notices (*.pdf *.txt);;All files (*)</source>
        <translation>Kallelser (*.pdf *.txt);;Alla filer (*)</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>En import pågår redan.</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>Importerar %n fil…</numerusform>
            <numerusform>Importerar %n filer…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be imported after the current import.</source>
        <translation>
            <numerusform>%n fil importeras när den pågående importen är klar.</numerusform>
            <numerusform>%n filer importeras när den pågående importen är klar.</numerusform>
        </translation>
    </message>
    <message>
        <source>Preparing example data…</source>
        <translation>Förbereder exempeldata…</translation>
    </message>
    <message>
        <source>Preparing example data so there is something to read…</source>
        <translation>Förbereder exempeldata så att det finns något att läsa…</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Importen misslyckades</translation>
    </message>
    <message>
        <source>The import stopped because of an unexpected error. Nothing from the unfinished file was saved. Details are in the log.</source>
        <translation>Importen avbröts av ett oväntat fel. Inget från den ofullständiga filen sparades. Detaljer finns i loggen.</translation>
    </message>
    <message>
        <source>Import cancelled; nothing from the unfinished file was saved.</source>
        <translation>Importen avbröts; inget från den ofullständiga filen sparades.</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) imported.</source>
        <translation>
            <numerusform>%n kallelse importerades.</numerusform>
            <numerusform>%n kallelser importerades.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <source>Import progress</source>
        <translation>Importens förlopp</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Avbryt importen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter…</translation>
    </message>
</context>
<context>
    <name>ImportResult</name>
    <message>
        <source>imported</source>
        <translation>importerad</translation>
    </message>
    <message>
        <source>updated with a new version</source>
        <translation>uppdaterad med en ny version</translation>
    </message>
    <message>
        <source>already imported, unchanged</source>
        <translation>redan importerad, oförändrad</translation>
    </message>
    <message>
        <source>%1: meeting %2, %3</source>
        <translation>%1: sammanträde %2, %3</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <source>Import finished</source>
        <translation>Importen är klar</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) imported.</source>
        <translation>
            <numerusform>%n fil importerades.</numerusform>
            <numerusform>%n filer importerades.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be imported.</source>
        <translation>
            <numerusform>%n fil kunde inte importeras.</numerusform>
            <numerusform>%n filer kunde inte importeras.</numerusform>
        </translation>
    </message>
    <message>
        <source>Result per file</source>
        <translation>Resultat per fil</translation>
    </message>
</context>
<context>
    <name>ImportReviewDialog</name>
    <message>
        <source>Check the import</source>
        <translation>Granska importen</translation>
    </message>
    <message>
        <source>%1 could not be placed: the text does not say everything needed to know which meeting it belongs to. Check what was recognised, fill in what is missing and import again. Nothing is saved until you do.</source>
        <translation>%1 kunde inte placeras: texten säger inte allt som behövs för att veta vilket sammanträde den hör till. Kontrollera det som känts igen, fyll i det som saknas och importera igen. Inget sparas förrän du gör det.</translation>
    </message>
    <message>
        <source>Not in the text: %1.</source>
        <translation>Saknas i texten: %1.</translation>
    </message>
    <message>
        <source>&amp;Nämnd or body:</source>
        <translation>&amp;Nämnd eller organ:</translation>
    </message>
    <message>
        <source>&amp;Kommun:</source>
        <translation>&amp;Kommun:</translation>
    </message>
    <message>
        <source>&amp;Date of the meeting:</source>
        <translation>Sammanträdets &amp;datum:</translation>
    </message>
    <message>
        <source>e.g. Socialnämnden</source>
        <translation>t.ex. Socialnämnden</translation>
    </message>
    <message>
        <source>e.g. Botkyrka</source>
        <translation>t.ex. Botkyrka</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ÅÅÅÅ-MM-DD</translation>
    </message>
    <message>
        <source>Not found in the text: please fill in.</source>
        <translation>Finns inte i texten: fyll i.</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Tid: %1</translation>
    </message>
    <message>
        <source>Place: %1</source>
        <translation>Plats: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n agenda item(s) recognised</source>
        <translation>
            <numerusform>%n ärende igenkänt</numerusform>
            <numerusform>%n ärenden igenkända</numerusform>
        </translation>
    </message>
    <message>
        <source>Recognised:</source>
        <translation>Igenkänt:</translation>
    </message>
    <message>
        <source>First items:</source>
        <translation>Första ärendena:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importera</translation>
    </message>
    <message>
        <source>&amp;Skip this file</source>
        <translation>&amp;Hoppa över filen</translation>
    </message>
    <message>
        <source>Fill in the nämnd or body.</source>
        <translation>Fyll i nämnd eller organ.</translation>
    </message>
    <message>
        <source>Fill in the kommun.</source>
        <translation>Fyll i kommun.</translation>
    </message>
    <message>
        <source>Fill in the date of the meeting.</source>
        <translation>Fyll i sammanträdets datum.</translation>
    </message>
    <message>
        <source>The date must be written YYYY-MM-DD and exist, e.g. 2024-09-24.</source>
        <translation>Datumet ska skrivas ÅÅÅÅ-MM-DD och finnas, t.ex. 2024-09-24.</translation>
    </message>
</context>
<context>
    <name>ItemHtml</name>
    <message>
        <source>Proposed decision</source>
        <translation>Förslag till beslut</translation>
    </message>
    <message>
        <source>Secret part</source>
        <translation>Sekretessbelagd del</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(tom)</translation>
    </message>
    <message>
        <source>Made public by you (not secret)</source>
        <translation>Offentliggjord av dig (inte sekretess)</translation>
    </message>
    <message>
        <source>Lock it again</source>
        <translation>Lås igen</translation>
    </message>
    <message>
        <source>Removed: not in the latest version of the notice</source>
        <translation>Borttagen: finns inte i den senaste versionen av kallelsen</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Sekretess</translation>
    </message>
    <message>
        <source>Not secret? Make it public…</source>
        <translation>Inte sekretess? Gör offentlig…</translation>
    </message>
    <message>
        <source>Handed out at the meeting; not part of the notice.</source>
        <translation>Delas ut på sammanträdet; ingår inte i kallelsen.</translation>
    </message>
    <message>
        <source>The content was not stored because no vault existed when the notice was imported. Import the notice again to store it.</source>
        <translation>Innehållet sparades inte eftersom det inte fanns något sekretessvalv när kallelsen importerades. Importera kallelsen igen för att spara det.</translation>
    </message>
    <message>
        <source>Set up the secret vault, then import the notice again to store this part.</source>
        <translation>Skapa sekretessvalvet och importera sedan kallelsen igen för att spara den här delen.</translation>
    </message>
    <message>
        <source>Set up the vault…</source>
        <translation>Skapa valvet…</translation>
    </message>
    <message>
        <source>Locked. Unlock to read it.</source>
        <translation>Låst. Lås upp för att läsa.</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>Lås upp…</translation>
    </message>
    <message>
        <source>Scanned original text</source>
        <translation>Skannad originaltext</translation>
    </message>
    <message>
        <source>as it was read in, not repaired. Highlights are made in the repaired text.</source>
        <translation>som den lästes in, inte rättad. Färgmarkeringar görs i den rättade texten.</translation>
    </message>
    <message>
        <source>Show the machine-repaired text</source>
        <translation>Visa maskinellt rättad text</translation>
    </message>
    <message>
        <source>Machine-repaired text</source>
        <translation>Maskinellt rättad text</translation>
    </message>
    <message>
        <source>the program has repaired the scanned text and may have repaired it wrongly. Check before you quote it.</source>
        <translation>programmet har rättat den skannade texten och kan ha rättat fel. Kontrollera innan du citerar.</translation>
    </message>
    <message>
        <source>Show the scanned original text</source>
        <translation>Visa skannad originaltext</translation>
    </message>
    <message>
        <source>Printed heading:</source>
        <translation>Tryckt rubrik:</translation>
    </message>
    <message>
        <source>This item was tabled at an earlier meeting.</source>
        <translation>Ärendet bordlades vid ett tidigare sammanträde.</translation>
    </message>
    <message>
        <source>Decision (%1)</source>
        <translation>Beslut (%1)</translation>
    </message>
    <message>
        <source>Chair&apos;s proposal</source>
        <translation>Ordförandeförslag</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>Dnr</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Förteckning</translation>
    </message>
    <message>
        <source>This item has no written material in the notice.</source>
        <translation>Ärendet har inget skriftligt underlag i kallelsen.</translation>
    </message>
</context>
<context>
    <name>ItemPage</name>
    <message>
        <source>Title of the item</source>
        <translation>Ärendets rubrik</translation>
    </message>
    <message>
        <source>Item text</source>
        <translation>Ärendets text</translation>
    </message>
    <message>
        <source>&amp;Documents</source>
        <translation>&amp;Handlingar</translation>
    </message>
    <message>
        <source>Documents of this item</source>
        <translation>Ärendets handlingar</translation>
    </message>
    <message>
        <source>Case no. %1</source>
        <translation>Dnr %1</translation>
    </message>
    <message>
        <source>Example (invented)</source>
        <translation>Exempel (påhittat)</translation>
    </message>
    <message>
        <source>This item has changed since you read it (a new version of the notice).</source>
        <translation>Ärendet har ändrats sedan du läste det (en ny version av kallelsen).</translation>
    </message>
    <message>
        <source>Show what changed</source>
        <translation>Visa vad som ändrats</translation>
    </message>
    <message>
        <source>Secret content is shown. It locks automatically when you leave the computer. Copying is turned off.</source>
        <translation>Sekretessbelagt innehåll visas. Det låses automatiskt när du lämnar datorn. Kopiering är avstängd.</translation>
    </message>
    <message>
        <source>Screen protection is not supported here: do not share your screen while it is shown.</source>
        <translation>Skärmskydd stöds inte här: dela inte skärmen medan det visas.</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Lås nu</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <source>Decision</source>
        <translation>Beslutsärende</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Oral information</source>
        <translation>Muntlig information</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Anmälningsärenden</translation>
    </message>
    <message>
        <source>Delegated decisions</source>
        <translation>Delegationsbeslut</translation>
    </message>
    <message>
        <source>Approval of the minutes</source>
        <translation>Justering</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Formalia</translation>
    </message>
    <message>
        <source>Confidential item</source>
        <translation>Sekretessärende</translation>
    </message>
    <message>
        <source>Chair&apos;s proposal</source>
        <translation>Ordförandeförslag</translation>
    </message>
    <message>
        <source>Staff report</source>
        <translation>Tjänsteskrivelse</translation>
    </message>
    <message>
        <source>Staff statement</source>
        <translation>Tjänsteutlåtande</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Bilaga</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Avtal</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Ansökan</translation>
    </message>
    <message>
        <source>Extract from minutes</source>
        <translation>Protokollsutdrag</translation>
    </message>
    <message>
        <source>External minutes</source>
        <translation>Protokoll från annan instans</translation>
    </message>
    <message>
        <source>Inquiry</source>
        <translation>Utredning</translation>
    </message>
    <message>
        <source>Description of the item</source>
        <translation>Ärendebeskrivning</translation>
    </message>
    <message>
        <source>For</source>
        <translation>För</translation>
    </message>
    <message>
        <source>Against</source>
        <translation>Emot</translation>
    </message>
    <message>
        <source>Wait and see</source>
        <translation>Avvakta</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Yrkande</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Oläst</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Läst</translation>
    </message>
    <message>
        <source>Changed since you read it</source>
        <translation>Ändrat sedan du läste</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Meetings</source>
        <translation>Sammanträden</translation>
    </message>
    <message>
        <source>&amp;Meetings</source>
        <translation>&amp;Sammanträden</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Ärendelista</translation>
    </message>
    <message>
        <source>Agenda columns</source>
        <translation>Kolumner i ärendelistan</translation>
    </message>
    <message>
        <source>&amp;Agenda</source>
        <translation>Ä&amp;rendelista</translation>
    </message>
    <message>
        <source>Secret content status</source>
        <translation>Sekretessläge</translation>
    </message>
    <message>
        <source>&amp;Import notices…</source>
        <translation>&amp;Importera kallelser…</translation>
    </message>
    <message>
        <source>Import notices (PDF or text files)</source>
        <translation>Importera kallelser (PDF- eller textfiler)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Skriv &amp;ut…</translation>
    </message>
    <message>
        <source>Print the open item, meeting or document (Ctrl+P); secret content is never printed</source>
        <translation>Skriv ut det öppna ärendet, sammanträdet eller handlingen (Ctrl+P); sekretessbelagt innehåll skrivs aldrig ut</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ynka nu</translation>
    </message>
    <message>
        <source>Fetch new and changed notices from your sources now (F5)</source>
        <translation>Hämta nya och ändrade kallelser från dina källor nu (F5)</translation>
    </message>
    <message>
        <source>Sync &amp;sources…</source>
        <translation>Källor för s&amp;ynkning…</translation>
    </message>
    <message>
        <source>&amp;Remove meeting…</source>
        <translation>&amp;Ta bort mötet…</translation>
    </message>
    <message>
        <source>Remove the selected meeting from this computer (your notes are exported first)</source>
        <translation>Ta bort det valda mötet från den här datorn (dina anteckningar exporteras först)</translation>
    </message>
    <message>
        <source>Remove the e&amp;xample meetings…</source>
        <translation>Ta bort e&amp;xempelmötena…</translation>
    </message>
    <message>
        <source>Remove all the invented example meetings in one go</source>
        <translation>Ta bort alla påhittade exempelmöten på en gång</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Sök</translation>
    </message>
    <message>
        <source>Search in all meetings (Ctrl+K)</source>
        <translation>Sök i alla sammanträden (Ctrl+K)</translation>
    </message>
    <message>
        <source>&amp;Continue where I stopped</source>
        <translation>&amp;Fortsätt där jag slutade</translation>
    </message>
    <message>
        <source>Open the item and page you read last (Ctrl+J)</source>
        <translation>Öppna ärendet och sidan du läste senast (Ctrl+J)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Tillbaka</translation>
    </message>
    <message>
        <source>New and &amp;changed since I read…</source>
        <translation>Nytt och &amp;ändrat sedan jag läste…</translation>
    </message>
    <message>
        <source>What changed in this meeting&apos;s notice since the version you read (Ctrl+Shift+D)</source>
        <translation>Vad som ändrats i sammanträdets kallelse sedan den version du läste (Ctrl+Skift+D)</translation>
    </message>
    <message>
        <source>&amp;Next item</source>
        <translation>&amp;Nästa ärende</translation>
    </message>
    <message>
        <source>&amp;Previous item</source>
        <translation>&amp;Föregående ärende</translation>
    </message>
    <message>
        <source>&amp;Meeting mode</source>
        <translation>&amp;Mötesläge</translation>
    </message>
    <message>
        <source>Large text, the item and your notes side by side (Ctrl+M)</source>
        <translation>Stor text, ärendet och dina anteckningar sida vid sida (Ctrl+M)</translation>
    </message>
    <message>
        <source>&amp;Larger</source>
        <translation>&amp;Större</translation>
    </message>
    <message>
        <source>&amp;Smaller</source>
        <translation>&amp;Mindre</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>&amp;Normal storlek</translation>
    </message>
    <message>
        <source>&amp;Unlock secret content…</source>
        <translation>&amp;Lås upp sekretess…</translation>
    </message>
    <message>
        <source>Unlock secret content with your passphrase</source>
        <translation>Lås upp sekretessbelagt innehåll med din lösenfras</translation>
    </message>
    <message>
        <source>&amp;Lock secret content</source>
        <translation>L&amp;ås sekretess</translation>
    </message>
    <message>
        <source>Lock secret content now (Ctrl+L)</source>
        <translation>Lås sekretessbelagt innehåll nu (Ctrl+L)</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>I&amp;nställningar…</translation>
    </message>
    <message>
        <source>Mark item as &amp;unread</source>
        <translation>Markera ärendet som &amp;oläst</translation>
    </message>
    <message>
        <source>&amp;Highlight</source>
        <translation>&amp;Färgmarkera</translation>
    </message>
    <message>
        <source>Highlight the selected passage (Ctrl+H)</source>
        <translation>Färgmarkera det valda stycket (Ctrl+H)</translation>
    </message>
    <message>
        <source>Highlight with &amp;comment…</source>
        <translation>Färgmarkera med &amp;kommentar…</translation>
    </message>
    <message>
        <source>Highlight the selected passage and write a comment (Ctrl+Shift+H)</source>
        <translation>Färgmarkera det valda stycket och skriv en kommentar (Ctrl+Skift+H)</translation>
    </message>
    <message>
        <source>My &amp;notes overview</source>
        <translation>&amp;Översikt över mina anteckningar</translation>
    </message>
    <message>
        <source>All notes and highlights of this meeting (Ctrl+Shift+N)</source>
        <translation>Alla anteckningar och markeringar i sammanträdet (Ctrl+Skift+N)</translation>
    </message>
    <message>
        <source>&amp;Write a note</source>
        <translation>&amp;Skriv en anteckning</translation>
    </message>
    <message>
        <source>Move to your notes on this item (Ctrl+Shift+E)</source>
        <translation>Gå till dina anteckningar om ärendet (Ctrl+Skift+E)</translation>
    </message>
    <message>
        <source>&amp;Export my notes…</source>
        <translation>&amp;Exportera mina anteckningar…</translation>
    </message>
    <message>
        <source>Save this meeting&apos;s notes as PDF or Markdown; secret parts are never included</source>
        <translation>Spara sammanträdets anteckningar som PDF eller Markdown; sekretessbelagda delar tas aldrig med</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Om programmet</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Kortkommandon</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gå</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>A&amp;nteckningar</translation>
    </message>
    <message>
        <source>Se&amp;cret</source>
        <translation>Se&amp;kretess</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Verktygsfält</translation>
    </message>
    <message>
        <source>Search notices and notes (Ctrl+K)</source>
        <translation>Sök i kallelser och anteckningar (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>item %1</source>
        <translation>ärende %1</translation>
    </message>
    <message>
        <source>meeting mode</source>
        <translation>mötesläge</translation>
    </message>
    <message>
        <source>secret content open</source>
        <translation>sekretess upplåst</translation>
    </message>
    <message>
        <source>In meeting mode: type an item number to jump, → next item, ← previous item, Esc to leave.</source>
        <translation>I mötesläget: skriv ett ärendenummer för att hoppa dit, → nästa ärende, ← föregående ärende, Esc för att lämna.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
</context>
<context>
    <name>MeetingModeView</name>
    <message>
        <source>Meeting mode</source>
        <translation>Mötesläge</translation>
    </message>
    <message>
        <source>Type an item number to jump to it; right and left arrows for the next and previous item.</source>
        <translation>Skriv ett ärendenummer för att hoppa dit; högerpil och vänsterpil för nästa och föregående ärende.</translation>
    </message>
    <message>
        <source>Position in the agenda</source>
        <translation>Plats i ärendelistan</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Föregående</translation>
    </message>
    <message>
        <source>Previous item (←)</source>
        <translation>Föregående ärende (←)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nästa</translation>
    </message>
    <message>
        <source>Next item (→ or Space)</source>
        <translation>Nästa ärende (→ eller mellanslag)</translation>
    </message>
    <message>
        <source>Leave meeting mode</source>
        <translation>Lämna mötesläget</translation>
    </message>
    <message>
        <source>Leave meeting mode (Esc)</source>
        <translation>Lämna mötesläget (Esc)</translation>
    </message>
    <message>
        <source>Type an item number to jump to it. → next item, ← previous item, Tab to your notes.</source>
        <translation>Skriv ett ärendenummer för att hoppa dit. → nästa ärende, ← föregående ärende, Tab till dina anteckningar.</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Ärendelista</translation>
    </message>
    <message>
        <source>Item text</source>
        <translation>Ärendets text</translation>
    </message>
    <message>
        <source>My highlights on this item</source>
        <translation>Mina färgmarkeringar i ärendet</translation>
    </message>
    <message>
        <source>Jump to item</source>
        <translation>Hoppa till ärende</translation>
    </message>
    <message>
        <source>My highlights (%1)</source>
        <translation>Mina färgmarkeringar (%1)</translation>
    </message>
    <message>
        <source>No highlights on this item.</source>
        <translation>Inga färgmarkeringar i ärendet.</translation>
    </message>
    <message>
        <source>Not a numbered item</source>
        <translation>Inget numrerat ärende</translation>
    </message>
    <message>
        <source>Item %1 of %2</source>
        <translation>Ärende %1 av %2</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>Ärende %1</translation>
    </message>
    <message>
        <source>Secret content is shown. It locks automatically.</source>
        <translation>Sekretessbelagt innehåll visas. Det låses automatiskt.</translation>
    </message>
    <message>
        <source>Screen protection is not supported here: do not share your screen while it is shown.</source>
        <translation>Skärmskydd stöds inte här: dela inte skärmen medan det visas.</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Lås nu</translation>
    </message>
    <message>
        <source>Go to item %1</source>
        <translation>Gå till ärende %1</translation>
    </message>
    <message>
        <source>There is no item %1 in this meeting.</source>
        <translation>Det finns inget ärende %1 på det här sammanträdet.</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <source>The meeting and its agenda</source>
        <translation>Sammanträdet och dess ärendelista</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>kl. %1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Ordförande</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Sekreterare</translation>
    </message>
    <message>
        <source>Example: an invented notice, to try the program. It is no real meeting.</source>
        <translation>Exempel: en påhittad kallelse för att prova programmet. Det är inget verkligt sammanträde.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) changed since you read them.</source>
        <translation>
            <numerusform>%n ärende har ändrats sedan du läste det.</numerusform>
            <numerusform>%n ärenden har ändrats sedan du läste dem.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show what changed</source>
        <translation>Visa vad som ändrats</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Ärendelista</translation>
    </message>
    <message>
        <source>Proposal:</source>
        <translation>Förslag till beslut:</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Beslut:</translation>
    </message>
    <message>
        <source>changed since you read it</source>
        <translation>ändrat sedan du läste det</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>oläst</translation>
    </message>
    <message>
        <source>my position: %1</source>
        <translation>min hållning: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n anteckning</numerusform>
            <numerusform>%n anteckningar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n highlight(s) to review</source>
        <translation>
            <numerusform>%n markering behöver granskas</numerusform>
            <numerusform>%n markeringar behöver granskas</numerusform>
        </translation>
    </message>
    <message>
        <source>contains a secret part</source>
        <translation>innehåller en sekretessbelagd del</translation>
    </message>
    <message>
        <source>tabled</source>
        <translation>bordlagt</translation>
    </message>
</context>
<context>
    <name>MeetingsModel</name>
    <message>
        <source>Example</source>
        <translation>Exempel</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>kl. %1</translation>
    </message>
    <message>
        <source>upcoming</source>
        <translation>kommande</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n ärende</numerusform>
            <numerusform>%n ärenden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n oläst</numerusform>
            <numerusform>%n olästa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed since you read it</source>
        <translation>
            <numerusform>%n ändrat sedan du läste</numerusform>
            <numerusform>%n ändrade sedan du läste</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Could not complete</source>
        <translation>Det gick inte</translation>
    </message>
</context>
<context>
    <name>NavigationController</name>
    <message>
        <source>Choose a meeting and an item on the left.</source>
        <translation>Välj ett sammanträde och ett ärende till vänster.</translation>
    </message>
    <message>
        <source>No notices yet. Import a notice (PDF or text) with Ctrl+O or drop files here.</source>
        <translation>Inga kallelser ännu. Importera en kallelse (PDF eller text) med Ctrl+O eller släpp filer här.</translation>
    </message>
    <message>
        <source>&amp;Agenda – %1</source>
        <translation>Ä&amp;rendelista – %1</translation>
    </message>
    <message>
        <source>Nothing to continue yet: open an item to start reading.</source>
        <translation>Inget att fortsätta med ännu: öppna ett ärende för att börja läsa.</translation>
    </message>
    <message>
        <source>Choose a meeting first.</source>
        <translation>Välj ett sammanträde först.</translation>
    </message>
    <message>
        <source>What changed in item %1 – %2</source>
        <translation>Vad som ändrats i ärende %1 – %2</translation>
    </message>
    <message>
        <source>New and changed since you read – %1</source>
        <translation>Nytt och ändrat sedan du läste – %1</translation>
    </message>
</context>
<context>
    <name>NotesController</name>
    <message>
        <source>Not saved: an unexpected error occurred.</source>
        <translation>Inte sparat: ett oväntat fel inträffade.</translation>
    </message>
    <message>
        <source>Highlights cannot be made while secret content is shown.</source>
        <translation>Markeringar kan inte göras medan sekretessbelagt innehåll visas.</translation>
    </message>
    <message>
        <source>Select a passage of the item&apos;s text first.</source>
        <translation>Markera först ett stycke i ärendets text.</translation>
    </message>
    <message>
        <source>Highlighted.</source>
        <translation>Färgmarkerat.</translation>
    </message>
    <message>
        <source>Highlight on page %1</source>
        <translation>Färgmarkera på sidan %1</translation>
    </message>
    <message>
        <source>The text of page %1 of the document (page %2 of the notice). Select the passage to highlight.</source>
        <translation>Texten på sidan %1 i handlingen (sidan %2 i kallelsen). Markera stycket du vill spara.</translation>
    </message>
    <message>
        <source>&amp;Highlight</source>
        <translation>&amp;Färgmarkera</translation>
    </message>
    <message>
        <source>the highlight</source>
        <translation>markeringen</translation>
    </message>
    <message>
        <source>the note</source>
        <translation>anteckningen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Remove %1? This cannot be undone.</source>
        <translation>Ta bort %1? Det går inte att ångra.</translation>
    </message>
    <message>
        <source>Place the highlight</source>
        <translation>Placera markeringen</translation>
    </message>
    <message>
        <source>This passage is not in the new version of the document. Select where it is now, or cancel.</source>
        <translation>Stycket finns inte i den nya versionen av handlingen. Markera var det står nu, eller avbryt.</translation>
    </message>
    <message>
        <source>&amp;Place here</source>
        <translation>&amp;Placera här</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
    <message>
        <source>My notes</source>
        <translation>Mina anteckningar</translation>
    </message>
    <message>
        <source>My notes – %1</source>
        <translation>Mina anteckningar – %1</translation>
    </message>
    <message>
        <source>This highlight is on an earlier version of the document.</source>
        <translation>Markeringen finns på en tidigare version av handlingen.</translation>
    </message>
    <message>
        <source>Choose a meeting first.</source>
        <translation>Välj ett sammanträde först.</translation>
    </message>
    <message>
        <source>My notes %1</source>
        <translation>Mina anteckningar %1</translation>
    </message>
    <message>
        <source>Export my notes</source>
        <translation>Exportera mina anteckningar</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Markdown (*.md)</source>
        <translation>PDF (*.pdf);;Markdown (*.md)</translation>
    </message>
    <message>
        <source>Exporting my notes…</source>
        <translation>Exporterar mina anteckningar…</translation>
    </message>
    <message>
        <source>My notes were saved to %1. Secret parts are never included.</source>
        <translation>Mina anteckningar sparades i %1. Sekretessbelagda delar tas aldrig med.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Exporten misslyckades</translation>
    </message>
</context>
<context>
    <name>NotesEditor</name>
    <message>
        <source>&amp;My notes</source>
        <translation>&amp;Mina anteckningar</translation>
    </message>
    <message>
        <source>Planned position:</source>
        <translation>Planerad hållning:</translation>
    </message>
    <message>
        <source>Planned position: %1</source>
        <translation>Planerad hållning: %1</translation>
    </message>
    <message>
        <source>Add a tag…</source>
        <translation>Lägg till tagg…</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>Lägg till tagg</translation>
    </message>
    <message>
        <source>My notes on this item</source>
        <translation>Mina anteckningar om ärendet</translation>
    </message>
    <message>
        <source>Write questions, planned motions or anything you want to remember. Saved automatically.</source>
        <translation>Skriv frågor, planerade yrkanden eller annat du vill komma ihåg. Sparas automatiskt.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Sparad %1</translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation>Tagg: %1</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Sparstatus</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Sparar…</translation>
    </message>
</context>
<context>
    <name>NotesOverview</name>
    <message>
        <source>Secret part</source>
        <translation>Sekretessbelagd del</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>s. %1</translation>
    </message>
    <message>
        <source>needs review: the passage changed in the new version</source>
        <translation>behöver granskas: stycket har ändrats i den nya versionen</translation>
    </message>
    <message>
        <source>needs review: the passage is not in the new version</source>
        <translation>behöver granskas: stycket finns inte i den nya versionen</translation>
    </message>
    <message>
        <source>the passage was edited in a new version</source>
        <translation>stycket ändrades i en ny version</translation>
    </message>
    <message>
        <source>made on an earlier version</source>
        <translation>gjord på tidigare version</translation>
    </message>
    <message>
        <source>New wording: %1</source>
        <translation>Ny lydelse: %1</translation>
    </message>
    <message>
        <source>Comment: %1</source>
        <translation>Kommentar: %1</translation>
    </message>
    <message>
        <source>Note on the secret part</source>
        <translation>Anteckning om sekretessdelen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
</context>
<context>
    <name>NotesOverviewModel</name>
    <message>
        <source>Notes and highlights</source>
        <translation>Anteckningar och markeringar</translation>
    </message>
    <message>
        <source>Highlights to review (%1)</source>
        <translation>Behöver granskas (%1)</translation>
    </message>
    <message>
        <source>planned position: %1</source>
        <translation>planerad hållning: %1</translation>
    </message>
</context>
<context>
    <name>NotesOverviewPage</name>
    <message>
        <source>&amp;Tag:</source>
        <translation>&amp;Tagg:</translation>
    </message>
    <message>
        <source>Show only annotations with this tag</source>
        <translation>Visa bara anteckningar med den här taggen</translation>
    </message>
    <message>
        <source>In &amp;all meetings</source>
        <translation>I &amp;alla sammanträden</translation>
    </message>
    <message>
        <source>Show the annotations with this tag from every meeting</source>
        <translation>Visa anteckningarna med taggen från alla sammanträden</translation>
    </message>
    <message>
        <source>&amp;Export my notes…</source>
        <translation>&amp;Exportera mina anteckningar…</translation>
    </message>
    <message>
        <source>Save this meeting&apos;s notes as PDF or Markdown (secret parts are never included)</source>
        <translation>Spara sammanträdets anteckningar som PDF eller Markdown (sekretessbelagda delar tas aldrig med)</translation>
    </message>
    <message>
        <source>My notes and highlights</source>
        <translation>Mina anteckningar och markeringar</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öppna</translation>
    </message>
    <message>
        <source>&amp;Accept the new wording</source>
        <translation>&amp;Godta den nya lydelsen</translation>
    </message>
    <message>
        <source>Move the highlight to the proposed passage in the new version; its quote becomes the new text</source>
        <translation>Flytta markeringen till det föreslagna stycket i den nya versionen; citatet blir den nya texten</translation>
    </message>
    <message>
        <source>&amp;Place…</source>
        <translation>&amp;Placera…</translation>
    </message>
    <message>
        <source>Mark where the passage is in the new version of the document</source>
        <translation>Markera var stycket står i den nya versionen av handlingen</translation>
    </message>
    <message>
        <source>&amp;Keep on the old version</source>
        <translation>&amp;Behåll på den gamla versionen</translation>
    </message>
    <message>
        <source>Keep the highlight on the version it was made on</source>
        <translation>Behåll markeringen på versionen där den gjordes</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <source>Remove this note or highlight</source>
        <translation>Ta bort anteckningen eller markeringen</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alla taggar</translation>
    </message>
    <message>
        <source>No notes with this tag.</source>
        <translation>Inga anteckningar med den här taggen.</translation>
    </message>
    <message>
        <source>No notes or highlights in this meeting yet. Write in “My notes” beside an item, or select text in an item and press Ctrl+H to highlight it.</source>
        <translation>Inga anteckningar eller markeringar i sammanträdet ännu. Skriv under ”Mina anteckningar” bredvid ett ärende, eller markera text i ett ärende och tryck Ctrl+H.</translation>
    </message>
</context>
<context>
    <name>PassageDialog</name>
    <message>
        <source>Text to choose a passage from</source>
        <translation>Text att välja ett stycke ur</translation>
    </message>
    <message>
        <source>&amp;Comment (optional):</source>
        <translation>&amp;Kommentar (valfri):</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>There is no text for this page in the notice.</source>
        <translation>Kallelsen har ingen text för den här sidan.</translation>
    </message>
    <message>
        <source>Select a passage with the mouse or with Shift and the arrow keys.</source>
        <translation>Markera ett stycke med musen eller med Skift och piltangenterna.</translation>
    </message>
</context>
<context>
    <name>PrintController</name>
    <message>
        <source>Print</source>
        <translation>Skriv ut</translation>
    </message>
    <message>
        <source>Printing is turned off while secret content is shown. Lock (Ctrl+L) to print the public text.</source>
        <translation>Utskrift är avstängd medan sekretessbelagt innehåll visas. Lås (Ctrl+L) för att skriva ut den offentliga texten.</translation>
    </message>
    <message>
        <source>Open an item, a meeting or a document to print it.</source>
        <translation>Öppna ett ärende, ett sammanträde eller en handling för att skriva ut det.</translation>
    </message>
    <message>
        <source>My notes</source>
        <translation>Mina anteckningar</translation>
    </message>
</context>
<context>
    <name>ReaderBrowser</name>
    <message>
        <source>&amp;Highlight</source>
        <translation>&amp;Färgmarkera</translation>
    </message>
    <message>
        <source>Highlight with &amp;comment…</source>
        <translation>Färgmarkera med &amp;kommentar…</translation>
    </message>
    <message>
        <source>Edit the highlight&apos;s comment…</source>
        <translation>Ändra markeringens kommentar…</translation>
    </message>
    <message>
        <source>Remove the highlight</source>
        <translation>Ta bort markeringen</translation>
    </message>
</context>
<context>
    <name>RemovalController</name>
    <message>
        <source>Choose a meeting first.</source>
        <translation>Välj ett möte först.</translation>
    </message>
    <message>
        <source>Unlock first</source>
        <translation>Lås upp först</translation>
    </message>
    <message>
        <source>%1 has secret parts in the locked vault. Unlock the vault first, so they are removed together with the meeting.</source>
        <translation>%1 har sekretessbelagda delar i det låsta valvet. Lås upp valvet först, så tas de bort tillsammans med mötet.</translation>
    </message>
    <message numerus="yes">
        <source>Remove %1 from this computer? Its %n item(s) and documents are removed.</source>
        <translation>
            <numerusform>Ta bort %1 från den här datorn? Dess %n ärende och handlingar tas bort.</numerusform>
            <numerusform>Ta bort %1 från den här datorn? Dess %n ärenden och handlingar tas bort.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You have %n note(s), highlight(s) or position(s) on it: they are saved first in an export file you choose.</source>
        <translation>
            <numerusform>Du har %n anteckning, färgmarkering eller hållning på mötet: den sparas först i en exportfil som du väljer.</numerusform>
            <numerusform>Du har %n anteckningar, färgmarkeringar eller hållningar på mötet: de sparas först i en exportfil som du väljer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Its secret parts, and your notes on them, are removed from the vault.</source>
        <translation>Dess sekretessbelagda delar, och dina anteckningar om dem, tas bort ur valvet.</translation>
    </message>
    <message>
        <source>You can import the notice again later.</source>
        <translation>Du kan importera kallelsen igen senare.</translation>
    </message>
    <message>
        <source>Remove meeting</source>
        <translation>Ta bort mötet</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <source>My notes %1</source>
        <translation>Mina anteckningar %1</translation>
    </message>
    <message>
        <source>Save my notes before removing</source>
        <translation>Spara mina anteckningar innan mötet tas bort</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Markdown (*.md)</source>
        <translation>PDF (*.pdf);;Markdown (*.md)</translation>
    </message>
    <message>
        <source>There are no example meetings.</source>
        <translation>Det finns inga exempelmöten.</translation>
    </message>
    <message>
        <source>The example meetings have secret parts in the locked vault. Unlock the vault first, so they are removed too.</source>
        <translation>Exempelmötena har sekretessbelagda delar i det låsta valvet. Lås upp valvet först, så tas de också bort.</translation>
    </message>
    <message numerus="yes">
        <source>Remove the %n example meeting(s)? They are invented, to try the program.</source>
        <translation>
            <numerusform>Ta bort %n exempelmöte? Det är påhittat, för att prova programmet.</numerusform>
            <numerusform>Ta bort de %n exempelmötena? De är påhittade, för att prova programmet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You have %n note(s), highlight(s) or position(s) on them: they are saved first, one PDF per meeting, in a folder you choose.</source>
        <translation>
            <numerusform>Du har %n anteckning, färgmarkering eller hållning på dem: den sparas först, en PDF per möte, i en mapp som du väljer.</numerusform>
            <numerusform>Du har %n anteckningar, färgmarkeringar eller hållningar på dem: de sparas först, en PDF per möte, i en mapp som du väljer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the examples</source>
        <translation>Ta bort exemplen</translation>
    </message>
    <message>
        <source>Folder for my notes</source>
        <translation>Mapp för mina anteckningar</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Tar bort…</translation>
    </message>
    <message>
        <source>The meeting was not removed</source>
        <translation>Mötet togs inte bort</translation>
    </message>
    <message>
        <source>Removed. Your notes were saved in %1.</source>
        <translation>Borttaget. Dina anteckningar sparades i %1.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n meeting(s).</source>
        <translation>
            <numerusform>%n möte togs bort.</numerusform>
            <numerusform>%n möten togs bort.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>&amp;Item texts</source>
        <translation>Ä&amp;rendetexter</translation>
    </message>
    <message>
        <source>&amp;Attachments</source>
        <translation>&amp;Bilagor</translation>
    </message>
    <message>
        <source>My &amp;notes</source>
        <translation>Mina &amp;anteckningar</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Co&amp;mmittee:</source>
        <translation>&amp;Nämnd:</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>Nämnd</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Sökstatus</translation>
    </message>
    <message>
        <source>S&amp;ort:</source>
        <translation>S&amp;ortera:</translation>
    </message>
    <message>
        <source>Sort the hits</source>
        <translation>Sortera träffarna</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>Relevans</translation>
    </message>
    <message>
        <source>Date, newest first</source>
        <translation>Datum, nyaste först</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Sökresultat</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alla år</translation>
    </message>
    <message>
        <source>Upcoming meetings</source>
        <translation>Kommande sammanträden</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Senaste 12 månaderna</translation>
    </message>
    <message>
        <source>All committees</source>
        <translation>Alla nämnder</translation>
    </message>
    <message>
        <source>Type to search in all meetings, attachments and your notes.</source>
        <translation>Skriv för att söka i alla sammanträden, bilagor och dina anteckningar.</translation>
    </message>
    <message>
        <source>Choose at least one kind of text to search in.</source>
        <translation>Välj minst en sorts text att söka i.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Söker…</translation>
    </message>
    <message>
        <source>No hits for “%1”.</source>
        <translation>Inga träffar för ”%1”.</translation>
    </message>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n träff</numerusform>
            <numerusform>%n träffar</numerusform>
        </translation>
    </message>
    <message>
        <source>(showing the best %1)</source>
        <translation>(visar de %1 bästa)</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>Item text</source>
        <translation>Ärendetext</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Bilaga</translation>
    </message>
    <message>
        <source>My note</source>
        <translation>Min anteckning</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>sidan %1</translation>
    </message>
    <message>
        <source>machine-repaired text</source>
        <translation>maskinellt rättad text</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n träff</numerusform>
            <numerusform>%n träffar</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecretController</name>
    <message>
        <source>Make public?</source>
        <translation>Göra offentlig?</translation>
    </message>
    <message>
        <source>This part was locked because the program could not tell whether it is secret. If you make it public, its text is shown without the passphrase, found by search and stored unencrypted on this computer.

Do this only if you are sure that it is not covered by secrecy. You can lock it again later.</source>
        <translation>Den här delen låstes eftersom programmet inte kunde avgöra om den är sekretessbelagd. Gör du den offentlig visas texten utan lösenfras, hittas vid sökning och sparas okrypterad på den här datorn.

Gör det bara om du är säker på att den inte omfattas av sekretess. Du kan låsa den igen senare.</translation>
    </message>
    <message>
        <source>Make public</source>
        <translation>Gör offentlig</translation>
    </message>
    <message>
        <source>The part is public now.</source>
        <translation>Delen är offentlig nu.</translation>
    </message>
    <message>
        <source>The part is locked again.</source>
        <translation>Delen är låst igen.</translation>
    </message>
    <message>
        <source>The secret vault is ready.</source>
        <translation>Sekretessvalvet är klart.</translation>
    </message>
    <message>
        <source>Vault created</source>
        <translation>Valvet är skapat</translation>
    </message>
    <message>
        <source>Secret content was locked automatically.</source>
        <translation>Det sekretessbelagda innehållet låstes automatiskt.</translation>
    </message>
    <message>
        <source>Secret content: open</source>
        <translation>Sekretess: upplåst</translation>
    </message>
    <message>
        <source>Secret content: locked</source>
        <translation>Sekretess: låst</translation>
    </message>
    <message>
        <source>Secret content: no vault yet</source>
        <translation>Sekretess: inget valv ännu</translation>
    </message>
</context>
<context>
    <name>SecretNote</name>
    <message>
        <source>Secret part</source>
        <translation>Sekretessbelagd del</translation>
    </message>
    <message>
        <source>My note on the secret part: %1</source>
        <translation>Min anteckning om sekretessdelen: %1</translation>
    </message>
    <message>
        <source>Kept encrypted in the vault; hidden when secret content is locked.</source>
        <translation>Sparas krypterad i valvet och döljs när sekretess låses.</translation>
    </message>
    <message>
        <source>My note on the secret part</source>
        <translation>Min anteckning om sekretessdelen</translation>
    </message>
    <message>
        <source>Save status of the secret note</source>
        <translation>Sparstatus för sekretessanteckningen</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Som systemet</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Textstorlek</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>&amp;Text size:</source>
        <translation>&amp;Textstorlek:</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Utseende</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Ljust</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Mörkt</translation>
    </message>
    <message>
        <source>&amp;Appearance:</source>
        <translation>&amp;Utseende:</translation>
    </message>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>Lock secret content after minutes without activity</source>
        <translation>Lås sekretessbelagt innehåll efter så många minuter utan aktivitet</translation>
    </message>
    <message>
        <source>Lock secret content &amp;after:</source>
        <translation>Lås sekretess &amp;efter:</translation>
    </message>
    <message>
        <source>Secret content also locks when the screen locks, when the computer sleeps and when you minimise the window.</source>
        <translation>Sekretessbelagt innehåll låses också när skärmen låses, när datorn går i viloläge och när du minimerar fönstret.</translation>
    </message>
    <message>
        <source>Sync &amp;sources…</source>
        <translation>Källor för s&amp;ynkning…</translation>
    </message>
    <message>
        <source>Where notices arrive from by themselves: a folder, a web page, OParl</source>
        <translation>Varifrån kallelser kommer av sig själva: en mapp, en webbsida, OParl</translation>
    </message>
</context>
<context>
    <name>SourcesDialog</name>
    <message>
        <source>Sync sources</source>
        <translation>Källor för synkning</translation>
    </message>
    <message>
        <source>Notices can arrive by themselves: from a folder (downloads, a USB stick, a shared drive), from the kommun&apos;s web page with PDF links, or from an OParl endpoint. Only new and changed files are fetched; everything stays readable offline.</source>
        <translation>Kallelser kan komma av sig själva: från en mapp (nedladdningar, ett USB-minne, en delad enhet), från kommunens webbsida med PDF-länkar eller från en OParl-tjänst. Bara nya och ändrade filer hämtas; allt går att läsa offline.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Plats</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Senast synkad</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Källor</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testa</translation>
    </message>
    <message>
        <source>See what the selected source holds now</source>
        <translation>Se vad den valda källan innehåller nu</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Ta bort</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synka nu</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Mapp</translation>
    </message>
    <message>
        <source>Web page with PDF links</source>
        <translation>Webbsida med PDF-länkar</translation>
    </message>
    <message>
        <source>OParl endpoint</source>
        <translation>OParl-tjänst</translation>
    </message>
    <message>
        <source>Kind of source</source>
        <translation>Typ av källa</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;yp:</translation>
    </message>
    <message>
        <source>Name of the source</source>
        <translation>Källans namn</translation>
    </message>
    <message>
        <source>e.g. Downloads, Botkyrka kommun</source>
        <translation>t.ex. Nedladdningar, Botkyrka kommun</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <source>Location of the source</source>
        <translation>Källans plats</translation>
    </message>
    <message>
        <source>Choose &amp;folder…</source>
        <translation>Välj &amp;mapp…</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>&amp;Plats:</translation>
    </message>
    <message>
        <source>Which links to follow</source>
        <translation>Vilka länkar som följs</translation>
    </message>
    <message>
        <source>optional: a regular expression on the link, e.g. socialnamnd</source>
        <translation>valfritt: ett reguljärt uttryck på länken, t.ex. socialnamnd</translation>
    </message>
    <message>
        <source>&amp;Links:</source>
        <translation>&amp;Länkar:</translation>
    </message>
    <message>
        <source>&amp;Add source</source>
        <translation>&amp;Lägg till källa</translation>
    </message>
    <message>
        <source>a folder on this computer</source>
        <translation>en mapp på den här datorn</translation>
    </message>
    <message>
        <source>https://… the page that lists the notices</source>
        <translation>https://… sidan som listar kallelserna</translation>
    </message>
    <message>
        <source>https://…/system.json</source>
        <translation>https://…/system.json</translation>
    </message>
    <message>
        <source>Folder to sync from</source>
        <translation>Mapp att synka från</translation>
    </message>
    <message>
        <source>Web page</source>
        <translation>Webbsida</translation>
    </message>
    <message>
        <source>never</source>
        <translation>aldrig</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>inte nådd</translation>
    </message>
    <message>
        <source>Added. It is synced now, and then every half hour.</source>
        <translation>Tillagd. Den synkas nu och sedan varje halvtimme.</translation>
    </message>
    <message>
        <source>Remove the source %1? The meetings already imported from it stay.</source>
        <translation>Ta bort källan %1? Mötena som redan har importerats från den finns kvar.</translation>
    </message>
    <message>
        <source>Remove source</source>
        <translation>Ta bort källa</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Testar %1…</translation>
    </message>
    <message numerus="yes">
        <source>%1 answers: %n file(s) found.</source>
        <translation>
            <numerusform>%1 svarar: %n fil hittades.</numerusform>
            <numerusform>%1 svarar: %n filer hittades.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Offline: you read what is stored here</source>
        <translation>Offline: du läser det som finns sparat här</translation>
    </message>
    <message>
        <source>No sources to sync from yet: add one under File &gt; Sync sources…</source>
        <translation>Inga källor att synka från ännu: lägg till en under Arkiv &gt; Källor för synkning…</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synkar…</translation>
    </message>
    <message>
        <source>Syncing %1</source>
        <translation>Synkar %1</translation>
    </message>
    <message>
        <source>The sync stopped because of an unexpected error.</source>
        <translation>Synkningen avbröts av ett oväntat fel.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Synkningen misslyckades: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: not reached at the last sync</source>
        <translation>%1: nåddes inte vid senaste synkningen</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Synkad %1</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Inte synkad ännu</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> och %n till</numerusform>
            <numerusform> och %n till</numerusform>
        </translation>
    </message>
    <message>
        <source>New or changed notices</source>
        <translation>Nya eller ändrade kallelser</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Sync status</source>
        <translation>Synkstatus</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Synkförlopp</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synka nu</translation>
    </message>
</context>
<context>
    <name>Tags</name>
    <message>
        <source>motion</source>
        <translation>yrkande</translation>
    </message>
    <message>
        <source>question</source>
        <translation>fråga</translation>
    </message>
    <message>
        <source>conflict of interest</source>
        <translation>jäv</translation>
    </message>
    <message>
        <source>to read</source>
        <translation>att läsa</translation>
    </message>
    <message>
        <source>important</source>
        <translation>viktigt</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock secret content</source>
        <translation>Lås upp sekretess</translation>
    </message>
    <message>
        <source>Secret parts of the notices (for example lex Sarah reports) are kept in an encrypted vault on this computer. Enter your passphrase to read them. They are locked again automatically when you leave the computer.</source>
        <translation>Sekretessbelagda delar av kallelserna (till exempel lex Sarah-rapporter) förvaras i ett krypterat valv på den här datorn. Skriv din lösenfras för att läsa dem. De låses automatiskt igen när du lämnar datorn.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Lösenfras</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Lösenfras:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>Lås &amp;upp</translation>
    </message>
    <message>
        <source>Enter your passphrase.</source>
        <translation>Skriv din lösenfras.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Låser upp…</translation>
    </message>
</context>
<context>
    <name>VaultDialog</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>VaultSetupDialog</name>
    <message>
        <source>Set up the secret vault</source>
        <translation>Skapa sekretessvalvet</translation>
    </message>
    <message>
        <source>Some parts of the notices are covered by secrecy (sekretess). This program keeps them in an encrypted vault on this computer, never in the ordinary archive, the search index or exports.

Choose a passphrase that only you know: at least 12 characters, or four words. You will need it each time you read secret content. It cannot be recovered if you forget it, but the secret parts can be imported again from the notices.

The vault locks itself when you have been away from the computer for a while, when the screen locks and when you minimise the window.</source>
        <translation>Vissa delar av kallelserna omfattas av sekretess. Programmet förvarar dem i ett krypterat valv på den här datorn – aldrig i det vanliga arkivet, i sökindexet eller i exporter.

Välj en lösenfras som bara du känner till: minst 12 tecken, eller fyra ord. Du behöver den varje gång du ska läsa sekretessbelagt innehåll. Den går inte att återställa om du glömmer den, men de sekretessbelagda delarna kan importeras igen från kallelserna.

Valvet låser sig självt när du har varit borta från datorn en stund, när skärmen låses och när du minimerar fönstret.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Ny lösenfras</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Upprepa lösenfrasen</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Ny lösenfras:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Upprepa:</translation>
    </message>
    <message>
        <source>&amp;Create vault</source>
        <translation>&amp;Skapa valvet</translation>
    </message>
    <message>
        <source>The passphrases are not the same. Type it again.</source>
        <translation>Lösenfraserna är inte likadana. Skriv den igen.</translation>
    </message>
    <message>
        <source>Creating the vault…</source>
        <translation>Skapar valvet…</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Choose a meeting and an item on the left.</source>
        <translation>Välj ett sammanträde och ett ärende till vänster.</translation>
    </message>
    <message>
        <source>Ctrl+K: search · Ctrl+O: import a notice · Ctrl+M: meeting mode · Ctrl+L: lock</source>
        <translation>Ctrl+K: sök · Ctrl+O: importera en kallelse · Ctrl+M: mötesläge · Ctrl+L: lås</translation>
    </message>
</context>
<context>
    <name>_TagChips</name>
    <message>
        <source>Tag: %1</source>
        <translation>Tagg: %1</translation>
    </message>
</context>
</TS>
