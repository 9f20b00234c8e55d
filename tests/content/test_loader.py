"""The loader reports every kind of broken file as path:LINE:COL with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from coffeechat.content import ContentError, load_library, load_persona, load_scenario

from support import PERSONA, SCENARIO, write


def problems(path: Path, loader=load_persona) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ContentError) as info:
        loader(path)
    return [str(p) for p in info.value.problems]


def test_valid_persona_and_scenario_load(tmp_path: Path) -> None:
    persona = load_persona(write(tmp_path / "personas", "sam-lee.yaml", PERSONA))
    scenario = load_scenario(write(tmp_path / "scenarios", "first-pm-chat.yaml", SCENARIO))
    assert persona.time_budget_minutes == 20
    assert persona.temperament.warmth == 0.8
    assert scenario.rules["listens"].weight == 12
    assert scenario.budget_for(persona) == 20


def test_unknown_field_suggests_the_right_name(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", PERSONA.replace("public_profile:", "public_profle:"))
    assert problems(path) == [
        f"{path}:11:1: public_profle: unknown field `public_profle`; "
        "did you mean `public_profile`?"
    ]


def test_nested_unknown_field_suggests_within_its_own_model(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", PERSONA.replace("    keywords:", "    keyword:"))
    found = problems(path)
    assert f"{path}:15:5: knowledge.0.keyword: unknown field `keyword`; did you mean `keywords`?" \
        in found
    assert f"{path}:14:5: knowledge.0.keywords: required field is missing" in found


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = (PERSONA.replace("time_budget_minutes: 20", "time_budget_minutes: 500")
            .replace("patience: 0.5", "patience: 1.5")
            .replace("This isn't a hiring chat.", "Sorry {nme}."))
    path = write(tmp_path, "sam-lee.yaml", text)
    assert problems(path) == [
        f"{path}:9:22: time_budget_minutes: Input should be less than or equal to 120",
        f"{path}:10:25: temperament.patience: Input should be less than or equal to 1",
        f"{path}:21:17: reactions.job_request.0: unknown placeholder {{nme}}; "
        "use only {name}, {role}, {why}, {seeker}",
    ]


def test_wrong_type_names_what_was_found(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", PERSONA.replace(
        "  - Spoke at a 2023 product meetup about pricing experiments", "  nested: true"))
    assert problems(path) == [
        f"{path}:12:3: public_profile: Input should be a valid list (got a mapping)"
    ]


def test_yaml_syntax_error_points_at_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", PERSONA.replace("role: Product Manager",
                                                           "role: [Product Manager"))
    (msg,) = problems(path)
    assert msg.startswith(f"{path}:4:")
    assert "YAML syntax error" in msg


def test_empty_and_comment_only_files(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "a.yaml", "")) == [f"{tmp_path / 'a.yaml'}:1:1: file is empty"]
    path = write(tmp_path, "b.yaml", "# only a comment\n\n")
    assert problems(path) == [f"{path}:1:1: file is empty"]


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", PERSONA + "name: Samuel Lee\n")
    assert problems(path) == [f"{path}:28:1: name: duplicate key 'name' (first at line 2)"]


def test_non_utf8_bytes_point_at_the_byte(tmp_path: Path) -> None:
    raw = PERSONA.replace("Sam runs", "Sam r\x00uns").encode().replace(b"\x00", b"\xff")
    path = write(tmp_path, "sam-lee.yaml", raw)
    assert problems(path) == [
        f"{path}:6:15: not UTF-8 text (byte 0xff); save the file as UTF-8"
    ]


def test_file_over_one_megabyte(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", PERSONA + "#" * 1_000_001)
    (msg,) = problems(path)
    assert msg.startswith(f"{path}: file is ") and msg.endswith("bytes; the limit is 1 MB")


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    path = write(tmp_path, "sam-lee.yaml", bomb)
    (msg,) = problems(path)
    assert "alias bomb" in msg
    assert msg.startswith(f"{path}:")


def test_python_tags_are_not_constructed(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml",
                 PERSONA.replace("name: Sam Lee", "name: !!python/object/apply:os.system [ls]"))
    (msg,) = problems(path)
    assert msg.startswith(f"{path}:2:7: name: unsupported value")


def test_a_list_at_the_top_is_explained(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", "- one\n- two\n")
    assert problems(path) == [f"{path}:1:1: expected a mapping of fields at the top, got list"]


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "sam.yaml", PERSONA)
    assert problems(path) == [
        f"{path}:1:5: id: id 'sam-lee' must match the file name 'sam' (rename one of them)"
    ]


def test_bad_slug_and_empty_name(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", PERSONA.replace("name: Sam Lee", "name: ''"))
    (msg,) = problems(path)
    assert msg.startswith(f"{path}:2:7: name: String should have at least 1 character")


def test_unknown_rule_override_suggests_the_id(tmp_path: Path) -> None:
    path = write(tmp_path, "first-pm-chat.yaml", SCENARIO.replace("listens", "listen"))
    assert problems(path, load_scenario) == [
        f"{path}:9:8: rules: unknown rule id 'listen'; did you mean 'listens'?"
    ]


def test_library_cross_checks_persona_and_unique_ids(tmp_path: Path) -> None:
    write(tmp_path / "personas", "sam-lee.yaml", PERSONA)
    write(tmp_path / "scenarios", "first-pm-chat.yaml", SCENARIO)
    write(tmp_path / "scenarios", "other.yaml",
          SCENARIO.replace("id: first-pm-chat", "id: other").replace("sam-lee", "sam-le"))
    write(tmp_path / "more" / "personas", "sam-lee.yaml", PERSONA)
    lib = load_library([tmp_path])
    found = [str(p) for p in lib.problems]
    assert any(p.endswith("id: persona id 'sam-lee' is already used by "
                          f"{tmp_path / 'more' / 'personas' / 'sam-lee.yaml'}; ids must be unique")
               or p.endswith(f"{tmp_path / 'personas' / 'sam-lee.yaml'}; ids must be unique")
               for p in found)
    assert (f"{tmp_path / 'scenarios' / 'other.yaml'}:3:1: persona: no persona with id "
            "'sam-le'; did you mean 'sam-lee'?") in found
    assert set(lib.scenarios) == {"first-pm-chat", "other"}


def test_two_documents_in_one_file(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", PERSONA + "---\nid: again\n")
    (msg,) = problems(path)
    assert msg == f"{path}:29:1: one document per file, please (found a second '---' document)"


def test_deep_nesting_is_a_clean_error(tmp_path: Path) -> None:
    path = write(tmp_path, "sam-lee.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    (msg,) = problems(path)
    assert "nesting is too deep" in msg
