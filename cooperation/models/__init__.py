from .invitations import Invitation
from .organisations import Membership, Organisation
from .users import User

__all__ = ["Invitation", "Membership", "Organisation", "User"]
