"""relu_lab: ReLU Lab's instruments on your own PyTorch training.

    import relu_lab
    watch = relu_lab.watch(model, probe=x_probe, logdir="runs/cnn", every=25)
    ...  # in the loop, after loss.backward(), before optimizer.step():
    watch.step(loss=loss, accuracy=acc)
    watch.close()

The run folder (DESIGN §4, relu-lab/rundir@1) opens in ReLU Lab.
"""
__version__ = "0.1.0"

from .rundir import RunFolderExists
from .watcher import Watcher, watch

__all__ = ["watch", "Watcher", "RunFolderExists", "__version__"]
