"""A tiny NumPy stand-in for the parts of PyTorch that ReLU Lab's generated code uses.

torch is not installed on the test machine. This stub keeps PyTorch's
constructor and function signatures (so a misspelt keyword raises TypeError)
and its forward definitions (so loading a weights file and calling the model
gives the numbers PyTorch would, in float64).
"""
import contextlib
import math
import types

import numpy as np


class Tensor:
    def __init__(self, data):
        self.data = np.array(data, dtype=np.float64)

    @property
    def shape(self):
        return self.data.shape

    def copy_(self, other):
        if other.data.shape != self.data.shape:
            raise RuntimeError(f"shape mismatch: {other.data.shape} into {self.data.shape}")
        self.data[...] = other.data
        return self

    def tolist(self):
        return self.data.tolist()

    def item(self):
        assert self.data.size == 1, "item() of a tensor with more than one element"
        return float(self.data.reshape(-1)[0])

    def fill_(self, value):
        self.data[...] = value
        return self


def tensor(data):
    return Tensor(data)


def manual_seed(seed):
    np.random.seed(seed % 2**32)


@contextlib.contextmanager
def no_grad():
    yield


class Module:
    def parameters(self):
        return [v for v in vars(self).values() if isinstance(v, Tensor)]

    def __call__(self, x):
        return self.forward(x)


class Linear(Module):
    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        bound = 1 / math.sqrt(in_features)
        self.weight = Tensor(np.random.uniform(-bound, bound, (out_features, in_features)))
        self.bias = Tensor(np.random.uniform(-bound, bound, (out_features,)))

    def forward(self, x):
        return x @ self.weight.data.T + self.bias.data


class Sequential(Module):
    def __init__(self, *modules):
        self.modules = list(modules)

    def __getitem__(self, i):
        return self.modules[i]

    def __iter__(self):
        return iter(self.modules)

    def parameters(self):
        return [p for m in self.modules for p in m.parameters()]

    def forward(self, x):
        for m in self.modules:
            x = m(x)
        return x


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _softplus(x):
    return np.where(x > 20, x, np.log1p(np.exp(np.minimum(x, 20))))


def _erf(x):
    return np.vectorize(math.erf)(x)


class ReLU(Module):
    def __init__(self, inplace=False): pass
    def forward(self, x): return np.maximum(x, 0)


class LeakyReLU(Module):
    def __init__(self, negative_slope=0.01, inplace=False): self.negative_slope = negative_slope
    def forward(self, x): return np.where(x > 0, x, self.negative_slope * x)


class PReLU(Module):
    def __init__(self, num_parameters=1, init=0.25, device=None, dtype=None):
        self.weight = Tensor(np.full((num_parameters,), init))
    def forward(self, x): return np.where(x > 0, x, self.weight.data[0] * x)


class ELU(Module):
    def __init__(self, alpha=1.0, inplace=False): self.alpha = alpha
    def forward(self, x): return np.where(x > 0, x, self.alpha * (np.exp(np.minimum(x, 0)) - 1))


class ReLU6(Module):
    def __init__(self, inplace=False): pass
    def forward(self, x): return np.clip(x, 0, 6)


class GELU(Module):
    def __init__(self, approximate='none'): pass
    def forward(self, x): return 0.5 * x * (1 + _erf(x / math.sqrt(2)))


class SiLU(Module):
    def __init__(self, inplace=False): pass
    def forward(self, x): return x * _sigmoid(x)


class SELU(Module):
    def __init__(self, inplace=False): pass
    def forward(self, x):
        return 1.0507009873554804934193349852946 * np.where(x > 0, x, 1.6732632423543772848170429916717 * (np.exp(np.minimum(x, 0)) - 1))


class Softplus(Module):
    def __init__(self, beta=1.0, threshold=20.0): pass
    def forward(self, x): return _softplus(x)


class Mish(Module):
    def __init__(self, inplace=False): pass
    def forward(self, x): return x * np.tanh(_softplus(x))


class Sigmoid(Module):
    def forward(self, x): return _sigmoid(x)


class Tanh(Module):
    def forward(self, x): return np.tanh(x)


class CrossEntropyLoss:
    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0): pass


class MSELoss:
    def __init__(self, size_average=None, reduce=None, reduction='mean'): pass


class BCEWithLogitsLoss:
    def __init__(self, weight=None, size_average=None, reduce=None, reduction='mean', pos_weight=None): pass


def _fans(t):
    out_features, in_features = t.shape
    return in_features, out_features


def kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None):
    assert nonlinearity in ('relu', 'linear', 'leaky_relu'), nonlinearity
    gain = math.sqrt(2.0) if nonlinearity == 'relu' else 1.0 if nonlinearity == 'linear' else math.sqrt(2.0 / (1 + a * a))
    tensor.data[...] = np.random.normal(0, gain / math.sqrt(_fans(tensor)[0]), tensor.shape)
    return tensor


def kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None):
    assert nonlinearity in ('relu', 'linear', 'leaky_relu'), nonlinearity
    gain = math.sqrt(2.0) if nonlinearity == 'relu' else 1.0 if nonlinearity == 'linear' else math.sqrt(2.0 / (1 + a * a))
    bound = gain * math.sqrt(3.0 / _fans(tensor)[0])
    tensor.data[...] = np.random.uniform(-bound, bound, tensor.shape)
    return tensor


def xavier_normal_(tensor, gain=1.0, generator=None):
    fan_in, fan_out = _fans(tensor)
    tensor.data[...] = np.random.normal(0, gain * math.sqrt(2.0 / (fan_in + fan_out)), tensor.shape)
    return tensor


def xavier_uniform_(tensor, gain=1.0, generator=None):
    fan_in, fan_out = _fans(tensor)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    tensor.data[...] = np.random.uniform(-bound, bound, tensor.shape)
    return tensor


def zeros_(tensor):
    return tensor.fill_(0)


def constant_(tensor, val):
    return tensor.fill_(val)


class _Optimizer:
    def __init__(self, params):
        self.params = list(params)
        assert self.params, "no parameters"


class SGD(_Optimizer):
    def __init__(self, params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None):
        super().__init__(params)


class Adam(_Optimizer):
    def __init__(self, params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False, *, foreach=None, maximize=False, capturable=False, differentiable=False, fused=None):
        super().__init__(params)


class AdamW(Adam):
    pass


class RMSprop(_Optimizer):
    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False, capturable=False, foreach=None, maximize=False, differentiable=False):
        super().__init__(params)


init = types.SimpleNamespace(
    kaiming_normal_=kaiming_normal_, kaiming_uniform_=kaiming_uniform_,
    xavier_normal_=xavier_normal_, xavier_uniform_=xavier_uniform_,
    zeros_=zeros_, constant_=constant_,
)
nn = types.SimpleNamespace(
    Module=Module, Linear=Linear, Sequential=Sequential,
    ReLU=ReLU, LeakyReLU=LeakyReLU, PReLU=PReLU, ELU=ELU, ReLU6=ReLU6, GELU=GELU, SiLU=SiLU,
    SELU=SELU, Softplus=Softplus, Mish=Mish, Sigmoid=Sigmoid, Tanh=Tanh,
    CrossEntropyLoss=CrossEntropyLoss, MSELoss=MSELoss, BCEWithLogitsLoss=BCEWithLogitsLoss,
    init=init,
)
optim = types.SimpleNamespace(SGD=SGD, Adam=Adam, AdamW=AdamW, RMSprop=RMSprop)
