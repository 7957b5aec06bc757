"""Sign-in, sign-out and set-password pages."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from forms.auth import ChangePasswordForm, LoginForm, ResetRequestForm, SetPasswordForm

from .. import audit, notify, throttle
from ..extensions import db
from ..models import TokenPurpose
from ..models.user import normalize_email
from ..security import start_session
from . import accounts, bp, signin


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with email and password."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("main.home"))
    form = LoginForm()
    carry_action, carry_fields = _carried_form()
    problem = None
    if form.validate_on_submit():
        user, problem = signin.authenticate(normalize_email(form.email.data),
                                            form.password.data)
        if user is not None:
            start_session(user, remember=form.remember.data)
            if carry_action:
                flash(_("Signed in. Check your text below and send it again."), "info")
                return render_template("errors/resubmit.html", action=carry_action,
                                       fields=carry_fields)
            return redirect(_safe_next(request.args.get("next")) or url_for("main.home"))
    return render_template("auth/login.html", form=form, problem=problem,
                           carry_action=carry_action, carry_fields=carry_fields)


def _carried_form() -> tuple[str | None, list[tuple[str, str]]]:
    """A form posted while signed out, carried through the sign-in page."""
    action = _safe_next(request.form.get("_carry_action"))
    fields = [(name.removeprefix("_carry:"), value)
              for name, value in request.form.items(multi=True) if name.startswith("_carry:")]
    return action, fields


def _safe_next(target: str | None) -> str | None:
    """Only paths on this site: never an absolute or scheme-relative URL."""
    if not target or any(ord(c) < 33 or c == "\\" for c in target):
        return None  # browsers drop tabs, newlines and spaces: "/\t/x" would mean "//x"
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc:
        return None
    return target


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out everywhere: this ends every session and remember-me cookie of the user."""
    user = current_user._get_current_object()
    user.end_all_sessions()
    audit.record("sign_out", user.email)
    db.session.commit()
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str):
    """Choose a password from an invitation or reset link (single use)."""
    auth_token = accounts.usable_token(token)
    if auth_token is None:
        return render_template("auth/link_expired.html"), 410
    user = auth_token.user
    form = SetPasswordForm()
    form.user_inputs = [user.email, *user.name.split()]
    if form.validate_on_submit():
        had_password = user.has_password  # a first password (invitation) changes nothing
        accounts.use_token(auth_token, form.password.data)
        if had_password:
            notify.password_changed(user)
        throttle.clear_account(user.email)
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        flash(_("Your password is set. Sign in with your email and new password."), "success")
        return redirect(url_for("auth.login"))
    is_invitation = auth_token.purpose is TokenPurpose.INVITATION
    return render_template("auth/set_password.html", form=form, user=user,
                           is_invitation=is_invitation)


@bp.route("/forgot", methods=["GET", "POST"])
def forgot_password():
    """Ask for a reset link. The answer is the same whether or not the email is known."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        email = normalize_email(form.email.data)
        # Sent even while sign-in is throttled: the reset link is the way back in.
        accounts.request_password_reset(email)
        db.session.commit()
        flash(_("If %(email)s belongs to an account, a link to choose a new password is on "
                "its way.", email=email), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
@login_required  # not fresh_login_required: the form asks for the current password anyway
def change_password():
    """Change one's own password; every other session ends."""
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    form.user_inputs = [user.email, *user.name.split()]
    if form.validate_on_submit():
        problem = signin.current_password_problem(user, form.current.data)
        if problem:
            form.current.errors.append(problem)
        else:
            accounts.change_password(user, form.password.data)
            notify.password_changed(user)
            db.session.commit()
            # The old token is gone: start this browser's session again under the new one.
            start_session(user, remember=False)
            flash(_("Your password is changed. Other devices are signed out."), "success")
            return redirect(url_for("main.home"))
    return render_template("auth/change_password.html", form=form)

