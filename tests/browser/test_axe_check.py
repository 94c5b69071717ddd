"""The accessibility check itself: axe-core, injected from the installed package, does find
a serious problem when there is one (so a clean report means something)."""

import pytest

from tests.browser.helpers import blocking_violations

pytestmark = pytest.mark.browser


def test_axe_reports_an_unlabelled_field_and_an_image_without_text(page):
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>Form</h1>'
        '<input type="text"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        "</main></body></html>"
    )
    found = " ".join(blocking_violations(page))
    assert "label" in found and "image-alt" in found
