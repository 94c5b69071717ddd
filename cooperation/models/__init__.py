from .organisations import Membership, Organisation
from .users import User

__all__ = ["Membership", "Organisation", "User"]
