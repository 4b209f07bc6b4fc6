"""Parameters: shipped defaults, calibration overlay and overrides that cannot silently miss."""

import json

import pytest

from patentshield.kernel.errors import InvalidInput
from patentshield.risk.data_files import layered_parameters, load_parameters, shipped_defaults
from patentshield.risk.parameters import build_parameters


def test_every_shipped_default_carries_a_tag():
    def leaves(node, path=""):
        for key, value in node.items():
            if isinstance(value, dict) and "value" in value:
                yield f"{path}{key}", value
            elif isinstance(value, dict):
                yield from leaves(value, f"{path}{key}.")

    found = list(leaves(shipped_defaults()))
    assert len(found) > 80
    for path, leaf in found:
        assert leaf.get("tag") in {"V", "D", "J", "U"} or path.startswith("us_imports"), path


def test_a_calibration_file_replaces_the_values_it_carries(tmp_path):
    calibration = {
        "frequency": {"new_investigations_per_year": {"value": 80.0, "variance": 150.0}},
        "exit_probabilities": {"pre_decision": {"withdrawal": {"value": 0.2}}},
    }
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(calibration))
    parameters = load_parameters(calibration=path)
    assert parameters.get("frequency.new_investigations_per_year") == 80.0
    assert parameters.get("case.withdrawal") == 0.2
    assert parameters.origin["case.withdrawal"] == "calibration"


def test_an_override_file_changes_any_parameter_and_an_unknown_one_is_refused(tmp_path):
    path = tmp_path / "overrides.yaml"
    path.write_text("costs:\n  itc_factor: 1.5\n")
    assert load_parameters(overrides=path).get("costs.itc_factor") == 1.5
    path.write_text("costs:\n  itc_factr: 1.5\n")
    with pytest.raises(InvalidInput) as caught:
        load_parameters(overrides=path)
    assert caught.value.field == "costs.itc_factr"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"respondents": {"default_probability": 1.5}}, "respondents.default_probability"),
        ({"costs": {"legal_split": {"us_counsel": 0.9}}}, "costs.legal_split"),
        ({"costs": {"itc_factor": -1}}, "costs.itc_factor"),
        ({"costs": {"itc_factor": "high"}}, "costs.itc_factor"),
        ({"respondents": {"chinese_share_alpha": 0}}, "respondents.chinese_share_alpha"),
        (
            {"durations_months": {"early_exit_weibull_shape": 0}},
            "durations_months.early_exit_weibull_shape",
        ),
    ],
)
def test_impossible_values_are_refused_with_their_path(overrides, field):
    with pytest.raises(InvalidInput) as caught:
        build_parameters(shipped_defaults(), overrides=overrides)
    assert caught.value.field == field


def test_docs_model_lists_every_shipped_parameter_as_the_generator_writes_it(model_doc):
    from patentshield.risk.parameters import flatten

    generator = model_doc
    page = generator.PAGE.read_text("utf-8")
    missing = [path for path in flatten(shipped_defaults()) if f"`{path}`" not in page]
    assert missing == []
    table = generator.parameter_table(shipped_defaults())
    assert f"<!-- parameters:begin -->\n{table}\n<!-- parameters:end -->" in page


def test_a_command_s_files_layer_on_top_of_parameters_already_changed(tmp_path):
    runtime_file = tmp_path / "runtime.yaml"
    runtime_file.write_text("costs:\n  itc_factor: 1.5\ncase:\n  withdrawal: 0.15\n")
    base = load_parameters(overrides=runtime_file)
    calibration = tmp_path / "calibration.json"
    calibration.write_text(
        json.dumps({"frequency": {"new_investigations_per_year": {"value": 80}}})
    )
    command_file = tmp_path / "command.yaml"
    command_file.write_text("case:\n  withdrawal: 0.1\n")
    layered = layered_parameters(base, calibration=calibration, overrides=command_file)
    assert layered.get("costs.itc_factor") == 1.5  # kept from the base
    assert layered.get("frequency.new_investigations_per_year") == 80.0
    assert layered.get("case.withdrawal") == 0.1  # the command's override wins
    assert layered.origin == {
        "costs.itc_factor": "override",
        "case.withdrawal": "override",
        "frequency.new_investigations_per_year": "calibration",
    }
    assert base.get("case.withdrawal") == 0.15 and layered_parameters(base) == base
