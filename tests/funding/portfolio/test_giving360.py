import csv
import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from funding.portfolio.giving360 import grant_package, organisation_identifier, write_grants_csv
from funding.portfolio.models.projects import ProjectStatus
from tests.funding.factories_portfolio import project_with_consortium

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "360giving"


# The schema tells dates from date-times with oneOf [format: date-time | date pattern], so
# the date-time format must really be checked (jsonschema only does so with an optional
# package): a date-time needs a "T" and must parse.
CHECKER = jsonschema.FormatChecker()


@CHECKER.checks("date-time", raises=ValueError)
def _is_date_time(value):
    if not isinstance(value, str):
        return True
    return "T" in value and bool(dt.datetime.fromisoformat(value.replace("Z", "+00:00")))


def validator():
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    # The schemas name their dialect with http://, which `referencing` does not detect.
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources(
        [
            (grant["$id"], resource),
            (package["properties"]["grants"]["items"]["$ref"], resource),
        ]
    )
    return jsonschema.Draft202012Validator(package, registry=registry, format_checker=CHECKER)


def test_package_validates_and_contains_only_public_projects(settings):
    settings.GIVING360_PREFIX = "csa-test"
    ongoing = project_with_consortium(title="x" * 200)
    closed = project_with_consortium(status=ProjectStatus.CLOSED)
    project_with_consortium(status=ProjectStatus.GRANT_PREPARATION)
    package = grant_package()
    errors = sorted(validator().iter_errors(package), key=str)
    assert not errors, errors[0]
    ids = {grant["id"] for grant in package["grants"]}
    assert ids == {f"360G-csa-test-{p.grant_number}" for p in (ongoing, closed)}
    long = next(g for g in package["grants"] if g["id"].endswith(ongoing.grant_number))
    assert len(long["title"]) < 140
    assert long["amountAwarded"] == float(ongoing.eu_contribution)
    assert long["currency"] == "EUR"
    assert long["beneficiaryLocation"][0]["countryCode"] == "BE"


def test_a_broken_grant_fails_the_schema():
    project_with_consortium()
    package = grant_package()
    del package["grants"][0]["recipientOrganization"]
    assert list(validator().iter_errors(package))


def test_organisation_identifier_fallback(settings):
    settings.GIVING360_PREFIX = "csa-test"
    assert organisation_identifier(pk=7, pic="999999999") == "360G-csa-test-PIC-999999999"
    assert organisation_identifier(pk=7, pic="") == "360G-csa-test-ORG-7"


def test_csv_has_one_row_per_grant():
    project_with_consortium()
    project_with_consortium()
    output = io.StringIO()
    write_grants_csv(output)
    rows = list(csv.DictReader(io.StringIO(output.getvalue())))
    assert len(rows) == 2
    assert rows[0]["Currency"] == "EUR" and rows[0]["Identifier"].startswith("360G-")
