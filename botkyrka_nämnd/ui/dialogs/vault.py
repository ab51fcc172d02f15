"""Unlocking the sekretess vault, and setting it up the first time.

Both run the key derivation (about a second, by design) on a worker thread; the dialog stays responsive
and shows what it is doing. The passphrase field is cleared after every attempt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .. import icons
from .messages import user_text


class _VaultDialog(QDialog):
    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.busy = False
        self.setModal(True)
        self.setWindowIcon(icons.icon("lock"))
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(QCoreApplication.translate("VaultDialog", "Status"))
        self.status.setProperty("role", "status")
        self.layout_.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _password_field(self, accessible: str) -> QLineEdit:
        f = QLineEdit()
        f.setEchoMode(QLineEdit.EchoMode.Password)
        f.setAccessibleName(accessible)
        f.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText)
        return f

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        for w in self.findChildren(QLineEdit):
            w.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self.status.setText(text)

    def reject(self) -> None:
        if self.busy:  # the key derivation cannot be interrupted; it ends within a second or two
            return
        super().reject()

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class UnlockDialog(_VaultDialog):
    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(ctx, runner, parent)
        self.setWindowTitle(self.tr("Unlock secret content"))
        self.intro.setText(
            self.tr(
                "Secret parts of the notices (for example lex Sarah reports) are kept in an encrypted vault on "
                "this computer. Enter your passphrase to read them. They are locked again automatically when "
                "you leave the computer."
            )
        )
        self.passphrase = self._password_field(self.tr("Passphrase"))
        self.form.addRow(self.tr("&Passphrase:"), self.passphrase)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Unlock"))
        self.passphrase.setFocus()

    def submit(self) -> None:
        pw = self.passphrase.text()
        if not pw:
            self.status.setText(self.tr("Enter your passphrase."))
            return
        self.passphrase.clear()
        self._set_busy(True, self.tr("Unlocking…"))
        ctx = self.ctx
        self.runner.run(lambda: ctx.unlock(pw), self._done, self._failed)

    def _done(self, _moved) -> None:
        self._set_busy(False)
        self.accept()

    def _failed(self, exc) -> None:
        self._set_busy(False, user_text(exc))
        self.passphrase.setFocus()


class VaultSetupDialog(_VaultDialog):
    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(ctx, runner, parent)
        self.setWindowTitle(self.tr("Set up the secret vault"))
        self.intro.setText(
            self.tr(
                "Some parts of the notices are covered by secrecy (sekretess). This program keeps them in an "
                "encrypted vault on this computer, never in the ordinary archive, the search index or exports.\n\n"
                "Choose a passphrase that only you know: at least 12 characters, or four words. You will need it "
                "each time you read secret content. It cannot be recovered if you forget it, but the secret parts "
                "can be imported again from the notices.\n\n"
                "The vault locks itself when you have been away from the computer for a while, when the screen "
                "locks and when you minimise the window."
            )
        )
        self.passphrase = self._password_field(self.tr("New passphrase"))
        self.repeat = self._password_field(self.tr("Repeat the passphrase"))
        self.form.addRow(self.tr("&New passphrase:"), self.passphrase)
        self.form.addRow(self.tr("&Repeat:"), self.repeat)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create vault"))
        self.passphrase.setFocus()

    def submit(self) -> None:
        pw, again = self.passphrase.text(), self.repeat.text()
        if pw != again:
            self.repeat.clear()
            self.status.setText(self.tr("The passphrases are not the same. Type it again."))
            self.repeat.setFocus()
            return
        from ...errors import UserError
        from ...vault import check_passphrase_policy

        try:
            check_passphrase_policy(pw)
        except UserError as exc:
            self.status.setText(user_text(exc))
            return
        self.passphrase.clear()
        self.repeat.clear()
        self._set_busy(True, self.tr("Creating the vault…"))
        vault = self.ctx.vault
        self.runner.run(lambda: vault.init(pw), self._done, self._failed)

    def _done(self, _result) -> None:
        self._set_busy(False)
        self.accept()

    def _failed(self, exc) -> None:
        self._set_busy(False, user_text(exc))
        self.passphrase.setFocus()
