"""Item delegates: HTML snippets in search results, status icons in the agenda, badges on meetings."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .. import icons
from ..models.agenda import position_label
from ..models.roles import (
    CaseRole,
    ChangedRole,
    KindRole,
    NotesRole,
    PositionRole,
    ReviewRole,
    SecretRole,
    SnippetRole,
    UnreadRole,
    UpcomingRole,
)


class SnippetDelegate(QStyledItemDelegate):
    """Paints ``SnippetRole`` HTML (hits); other rows are painted normally."""

    def _doc(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QTextDocument | None:
        html = index.data(SnippetRole)
        if not html:
            return None
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        color = option.palette.color(
            QPalette.ColorRole.HighlightedText
            if option.state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        doc.setDefaultStyleSheet(f"body {{ color: {color.name()}; }}")
        doc.setHtml(f"<body>{html}</body>")
        if "icon:lock" in html:
            from PySide6.QtCore import QUrl

            doc.addResource(
                QTextDocument.ResourceType.ImageResource.value,
                QUrl("icon:lock"),
                icons.pixmap("lock", 14, color=color).toImage(),
            )
        width = option.rect.width() - 28 if option.rect.width() > 60 else 600
        doc.setTextWidth(max(120, width))
        return doc

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt, index)
        if doc is None:
            super().paint(painter, option, index)
            return
        style = opt.widget.style() if opt.widget else QApplication.style()
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(QRectF(0, 0, text_rect.width(), text_rect.height()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt, index)
        if doc is None:
            return super().sizeHint(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 6)


POSITION_COLORS = {"for": "#2e7d32", "emot": "#c62828", "avvakta": "#8a6d00", "yrkande": "#1565c0"}
STATUS_WIDTH = 96


class AgendaStatusDelegate(QStyledItemDelegate):
    """The status column: notes, the planned position (a coloured letter), highlights to review and
    sekretess, next to each other."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        size = min(18, opt.rect.height() - 4)
        x = opt.rect.left() + 4
        y = opt.rect.top() + (opt.rect.height() - size) // 2
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        color = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        if index.data(NotesRole):
            icons.icon("note", color=color).paint(painter, x, y, size, size)
            x += size + 4
        position = index.data(PositionRole)
        if position:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QColor("#ffffff") if selected else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(POSITION_COLORS.get(position, "#666666")))
            painter.drawEllipse(QRectF(x, y, size, size))
            f = QFont(opt.font)
            f.setBold(True)
            f.setPixelSize(max(8, size - 7))
            painter.setFont(f)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(
                QRectF(x, y, size, size), Qt.AlignmentFlag.AlignCenter, position_label(position)[:1].upper()
            )
            painter.restore()
            x += size + 4
        if index.data(ReviewRole):
            icons.icon("warning", color=QColor("#ffffff") if selected else QColor("#b26a00")).paint(
                painter, x, y, size, size
            )
            x += size + 4
        if index.data(SecretRole):
            icons.icon("lock", color=color).paint(painter, x, y, size, size)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(STATUS_WIDTH, max(22, super().sizeHint(option, index).height()))


class MeetingDelegate(QStyledItemDelegate):
    """Meeting rows with round badges: unread (accent colour) and changed since read (amber)."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if index.data(KindRole) != "meeting":
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if index.data(UpcomingRole):
            opt.font.setBold(True)
        badges = []
        unread, changed = int(index.data(UnreadRole) or 0), int(index.data(ChangedRole) or 0)
        if changed:
            badges.append((str(changed), QColor("#b26a00")))
        if unread:
            badges.append(
                (
                    str(unread),
                    opt.palette.color(QPalette.ColorRole.Highlight)
                    if not opt.state & QStyle.StateFlag.State_Selected
                    else QColor("#ffffff"),
                )
            )
        fm = opt.fontMetrics
        widths = [max(fm.horizontalAdvance(t) + 12, fm.height() + 2) for t, _ in badges]
        reserve = sum(widths) + 6 * len(widths)
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)  # full row
        opt.rect.setRight(opt.rect.right() - reserve)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = option.rect.right() - reserve + 4
        h = fm.height() + 2
        f = QFont(opt.font)
        f.setBold(True)
        painter.setFont(f)
        for (text, color), w in zip(badges, widths):
            r = QRectF(x, option.rect.top() + (option.rect.height() - h) / 2, w, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(r, h / 2, h / 2)
            painter.setPen(QColor("#000000") if color == QColor("#ffffff") else QColor("#ffffff"))
            painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
            x += w + 6
        painter.restore()


class AgendaTitleDelegate(QStyledItemDelegate):
    """An agenda title on up to two lines (the rest elided), with its Dnr below in a smaller, dimmer font:
    long titles ("Ansökan om statsbidrag för att stärka arbetet med …") stay readable in a narrow list."""

    LINES = 2

    def _layout(self, opt: QStyleOptionViewItem, width: int) -> list[str]:
        fm = opt.fontMetrics
        words, lines, cur = (opt.text or "").split(), [], ""
        for w in words:
            trial = f"{cur} {w}".strip()
            if fm.horizontalAdvance(trial) <= width or not cur:
                cur = trial
            else:
                lines.append(cur)
                cur = w
        if cur:
            lines.append(cur)
        if len(lines) > self.LINES:
            rest = " ".join(lines[self.LINES - 1 :])
            lines = lines[: self.LINES - 1] + [fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
        return lines or [""]

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        opt.text = text
        rect = opt.rect.adjusted(4, 2, -4, -2)
        lines = self._layout(opt, rect.width())
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        color = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(color)
        y = rect.top()
        line_h = opt.fontMetrics.height()
        for line in lines:
            painter.drawText(QRectF(rect.left(), y, rect.width(), line_h), Qt.AlignmentFlag.AlignVCenter, line)
            y += line_h
        case = index.data(CaseRole)
        if case:
            small = QFont(opt.font)
            small.setBold(False)
            small.setPointSizeF(max(6.0, opt.font.pointSizeF() * 0.85))
            painter.setFont(small)
            dim = QColor(color)
            dim.setAlphaF(0.7)
            painter.setPen(dim)
            painter.drawText(QRectF(rect.left(), y, rect.width(), line_h), Qt.AlignmentFlag.AlignVCenter, case)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = max(80, (opt.widget.width() if opt.widget else 300) - 120)
        lines = self._layout(opt, width)
        n = len(lines) + (1 if index.data(CaseRole) else 0)
        return QSize(width, n * opt.fontMetrics.height() + 6)
