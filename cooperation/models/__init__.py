from .organisations import Membership, Organisation
from .two_factor import TOTPDevice
from .users import User

__all__ = ["Membership", "Organisation", "TOTPDevice", "User"]
