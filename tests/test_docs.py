"""README.md documents every command, option and setting there is: a newcomer finds each one there."""
from __future__ import annotations

import argparse
import re

from conftest import ROOT
from generator.__main__ import parser
from generator.plugin import ExplainerConfig

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_is_in_the_readme():
    for name in _commands():
        assert f"python -m generator {name}" in README, name


def test_every_option_of_every_command_is_in_the_readme():
    for name, command in _commands().items():
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert re.search(rf"{re.escape(option)}\b", README), f"{name} {option}"


def test_every_plugin_option_and_environment_setting_is_in_the_readme():
    for key, _ in ExplainerConfig._schema:
        assert re.search(rf"^\s+{key}:", README, re.M), key
    variables = re.findall(r"!ENV \[(\w+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert len(variables) == 4
    for variable in variables:
        assert variable in README, variable


def test_every_make_target_is_in_the_readme():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()
    for target in targets:
        assert f"make {target}" in README, target
