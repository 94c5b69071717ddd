from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

User = get_user_model()


class SignUpForm(SetPasswordMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password1, password2 = SetPasswordMixin.create_password_fields()

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "An account with this e-mail address already exists. "
                    "Sign in or reset your password instead."
                ),
                code="duplicate",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        self.validate_passwords()
        user = User(
            email=cleaned.get("email", ""),
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
        self.validate_password_for_user(user)
        return cleaned


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address and password do not match an account. "
            "Both are case-sensitive except the e-mail address."
        ),
        "inactive": _(
            "This account is not active yet. Follow the link in the confirmation e-mail we "
            "sent you, or ask for a new one."
        ),
    }


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]
        widgets = {
            "preferred_language": forms.Select(
                choices=[("", _("Same as the browser")), ("en", "English"), ("fr", "Français")]
            )
        }


class WagtailUserEditForm(UserEditForm):
    """Wagtail's user form, for a user model whose login is the e-mail address."""


class WagtailUserCreationForm(UserCreationForm):
    pass
