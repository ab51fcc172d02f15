<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgendaModel</name>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n highlight(s) to review</source>
        <translation>
            <numerusform>%n highlight to review</numerusform>
            <numerusform>%n highlights to review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentsModel</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message numerus="yes">
        <source>Importing %n file(s)…</source>
        <translation>
            <numerusform>Importing %n file…</numerusform>
            <numerusform>Importing %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be imported after the current import.</source>
        <translation>
            <numerusform>%n file will be imported after the current import.</numerusform>
            <numerusform>%n files will be imported after the current import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) imported.</source>
        <translation>
            <numerusform>%n notice imported.</numerusform>
            <numerusform>%n notices imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message numerus="yes">
        <source>%n file(s) imported.</source>
        <translation>
            <numerusform>%n file imported.</numerusform>
            <numerusform>%n files imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be imported.</source>
        <translation>
            <numerusform>%n file could not be imported.</numerusform>
            <numerusform>%n files could not be imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReviewDialog</name>
    <message numerus="yes">
        <source>%n agenda item(s) recognised</source>
        <translation>
            <numerusform>%n agenda item recognised</numerusform>
            <numerusform>%n agenda items recognised</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message numerus="yes">
        <source>%n item(s) changed since you read them.</source>
        <translation>
            <numerusform>%n item changed since you read it.</numerusform>
            <numerusform>%n items changed since you read them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n highlight(s) to review</source>
        <translation>
            <numerusform>%n highlight to review</numerusform>
            <numerusform>%n highlights to review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeetingsModel</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changed since you read it</source>
        <translation>
            <numerusform>%n changed since you read it</numerusform>
            <numerusform>%n changed since you read it</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemovalController</name>
    <message numerus="yes">
        <source>Remove %1 from this computer? Its %n item(s) and documents are removed.</source>
        <translation>
            <numerusform>Remove %1 from this computer? Its %n item and documents are removed.</numerusform>
            <numerusform>Remove %1 from this computer? Its %n items and documents are removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You have %n note(s), highlight(s) or position(s) on it: they are saved first in an export file you choose.</source>
        <translation>
            <numerusform>You have %n note, highlight or position on it: it is saved first in an export file you choose.</numerusform>
            <numerusform>You have %n notes, highlights or positions on it: they are saved first in an export file you choose.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the %n example meeting(s)? They are invented, to try the program.</source>
        <translation>
            <numerusform>Remove the %n example meeting? It is invented, to try the program.</numerusform>
            <numerusform>Remove the %n example meetings? They are invented, to try the program.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You have %n note(s), highlight(s) or position(s) on them: they are saved first, one PDF per meeting, in a folder you choose.</source>
        <translation>
            <numerusform>You have %n note, highlight or position on them: it is saved first, one PDF per meeting, in a folder you choose.</numerusform>
            <numerusform>You have %n notes, highlights or positions on them: they are saved first, one PDF per meeting, in a folder you choose.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n meeting(s).</source>
        <translation>
            <numerusform>Removed %n meeting.</numerusform>
            <numerusform>Removed %n meetings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message numerus="yes">
        <source>%n hit(s)</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesDialog</name>
    <message numerus="yes">
        <source>%1 answers: %n file(s) found.</source>
        <translation>
            <numerusform>%1 answers: %n file found.</numerusform>
            <numerusform>%1 answers: %n files found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
