from patentshield.catalog.gaps import coverage_gap_report
from patentshield.catalog.model import Answer, CostCategory, Cover, ProductType
from tests.factories import product


def test_covered_categories_of_an_itc_product_are_not_gaps():
    report = coverage_gap_report(product())
    assert CostCategory.US_COUNSEL not in report.gaps
    assert CostCategory.SETTLEMENT_LICENCE not in report.gaps
    assert CostCategory.EXPERTS in report.gaps  # unclear is a gap
    assert CostCategory.LOST_US_PROFIT in report.gaps  # unlisted means not covered
    assert report.responds_to_337 is Answer.YES


def test_an_unclear_itc_answer_turns_covered_into_unclear():
    report = coverage_gap_report(product(itc_counts_as_lawsuit=Answer.UNCLEAR))
    assert len(report.gaps) == len(CostCategory)
    counsel = next(r for r in report.rows if r.category is CostCategory.US_COUNSEL)
    assert counsel.worded is Cover.COVERED
    assert counsel.effective is Cover.UNCLEAR
    assert any("confirm in writing" in w for w in report.warnings)


def test_an_enforcement_product_does_not_defend_a_337_case():
    report = coverage_gap_report(product(product_type=ProductType.PATENT_ENFORCEMENT))
    assert report.responds_to_337 is Answer.NO
    assert set(report.gaps) == set(CostCategory)
    assert any("does not defend a 337 case" in w for w in report.warnings)


def test_a_product_limited_to_china_does_not_respond_in_the_us():
    report = coverage_gap_report(product(territory=("CN",)))
    assert report.responds_to_337 is Answer.NO
    assert "United States" in report.rows[0].reason


def test_itc_not_a_lawsuit_removes_every_category():
    report = coverage_gap_report(product(itc_counts_as_lawsuit=Answer.NO))
    assert set(report.gaps) == set(CostCategory)


def test_the_wilful_infringement_exclusion_asks_for_evidence():
    report = coverage_gap_report(product())
    assert any("R&D records" in w for w in report.warnings)
