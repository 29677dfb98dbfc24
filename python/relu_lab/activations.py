"""Which modules are activations, and what ReLU Lab calls them (DESIGN §4, run.json `layers`)."""
from __future__ import annotations

from typing import Dict, Optional, Tuple, Type

from torch import nn

# Most specific class first: nn.ReLU6 is a subclass of nn.Hardtanh, so an
# isinstance walk in this order names a user's subclass by its nearest known kind.
_KNOWN: Tuple[Tuple[Type[nn.Module], str], ...] = (
    (nn.ReLU6, "relu6"),
    (nn.ReLU, "relu"),
    (nn.LeakyReLU, "leaky-relu"),
    (nn.PReLU, "prelu"),
    (nn.ELU, "elu"),
    (nn.SELU, "selu"),
    (nn.GELU, "gelu"),
    (nn.SiLU, "silu"),
    (nn.Mish, "mish"),
    (nn.Softplus, "softplus"),
    (nn.Sigmoid, "sigmoid"),
    (nn.Tanh, "tanh"),
)

# Element-wise activations ReLU Lab has no name for: watched as `other:<ClassName>`.
# (GLU and Softmax are left out: they mix units, so a unit's rate would mean nothing.)
_OTHER: Tuple[Type[nn.Module], ...] = (
    nn.CELU, nn.Hardtanh, nn.RReLU, nn.Hardswish, nn.Hardsigmoid, nn.Hardshrink,
    nn.Softshrink, nn.Softsign, nn.Tanhshrink, nn.LogSigmoid, nn.Threshold,
)

# relu and relu6 pass no gradient where the input is ≤ 0: a never-positive unit is dead, not dormant (DESIGN §3).
_ZERO_GRADIENT_WHEN_INACTIVE = frozenset({"relu", "relu6"})


def activation_name(module: nn.Module) -> Optional[str]:
    """ReLU Lab's name for an activation module, `other:<ClassName>` for other element-wise ones, None for the rest."""
    for cls, name in _KNOWN:
        if isinstance(module, cls):
            return name
    if isinstance(module, _OTHER):
        return f"other:{type(module).__name__}"
    return None


def zero_gradient_when_inactive(activation: str) -> bool:
    return activation in _ZERO_GRADIENT_WHEN_INACTIVE


def find_activations(model: nn.Module) -> Dict[str, nn.Module]:
    """Every activation module by its `named_modules()` path (a module registered twice is listed once)."""
    return {name: m for name, m in model.named_modules() if activation_name(m) is not None}


def watched_name(module: nn.Module) -> str:
    """The activation name for a module the user chose with `layers=`, whatever its class."""
    return activation_name(module) or f"other:{type(module).__name__}"


def is_activation(module: nn.Module) -> bool:
    return activation_name(module) is not None
