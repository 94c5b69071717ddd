from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Sign in with the e-mail address, in any letter case.

    An account whose e-mail is not yet confirmed is inactive: it is authenticated here so
    that the log-in form can say why it is refused, but never gets a session.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        email = username or kwargs.get(user_model.USERNAME_FIELD)
        if not email or password is None:
            return None
        try:
            user = user_model._default_manager.get(email__iexact=email.strip())
        except user_model.DoesNotExist:
            user_model().set_password(password)  # same time whether or not the user exists
            return None
        if user.check_password(password):
            return user
        return None
