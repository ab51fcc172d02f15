"""Custom item roles shared by the models and their delegates."""

from PySide6.QtCore import Qt

USER = int(Qt.ItemDataRole.UserRole)
IdRole = USER + 1  # the row's id (meeting id, item id, document id, hit index)
SortRole = USER + 2
KindRole = USER + 3  # node kind in a tree ('committee', 'meeting', 'item', 'hit')
UnreadRole = USER + 4
ChangedRole = USER + 5
StateRole = USER + 6  # 'unread' | 'read' | 'changed'
NotesRole = USER + 7  # number of notes
SecretRole = USER + 8  # number of locked secret parts
UpcomingRole = USER + 9
SnippetRole = USER + 10  # HTML snippet with highlighted terms
HitRole = USER + 11
NumberRole = USER + 12  # item number
PageRole = USER + 13
PositionRole = USER + 14  # the member's planned position ('for' | 'emot' | 'avvakta' | 'yrkande' | None)
ReviewRole = USER + 15  # number of highlights waiting for review
AnnotationRole = USER + 16  # the annotation dict of a row in the notes overview
ItemRole = USER + 17  # the agenda item id a row belongs to
CaseRole = USER + 18  # the Dnr shown under an agenda title
