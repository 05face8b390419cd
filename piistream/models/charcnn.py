"""The charCNN: is this candidate, in its context window, really PII of its type?

Two variants over the same inputs (see ``windows.py``):

- ``seed``: the seed's architecture. 69-char alphabet + padding/unknown, 160-char windows,
  32-dim character embeddings, six 1-D convolutions of 256 filters (kernels 7, 7, 3, 3, 3, 3;
  max-pool 3 after the 1st, 2nd and 6th), three linear layers (512, 512, output). Added for the
  task: two input channels (candidate marker, upper case) next to the embeddings, and the
  candidate's type (an 8-dim embedding) joined to the flattened features.
- ``lean``: the CPU variant. Narrow embeddings, three "same" convolutions of 64 filters, then
  two poolings: the max over the candidate's own characters and the max over the whole window,
  so the net reads the value and its context separately; one hidden layer of 64.

Output: one logit per window (sigmoid = probability of real PII). torch is needed only here
(training and export); inference runs the exported ONNX graph (``cnn_runtime``).
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

import torch
from torch import nn

from . import ARTIFACTS
from .windows import N_TYPES, VOCAB, WIDTH


@dataclass(frozen=True)
class CnnConfig:
    variant: str = "lean"          # "seed" | "lean"
    embed: int = 32
    filters: int = 256
    hidden: int = 512
    type_dim: int = 8
    dropout: float = 0.5

    @staticmethod
    def seed() -> "CnnConfig":
        return CnnConfig("seed", embed=32, filters=256, hidden=512, type_dim=8, dropout=0.5)

    @staticmethod
    def lean() -> "CnnConfig":
        return CnnConfig("lean", embed=16, filters=64, hidden=64, type_dim=8, dropout=0.1)

    @staticmethod
    def named(name: str) -> "CnnConfig":
        if name not in ("seed", "lean"):
            raise ValueError(f"unknown charCNN variant {name!r} (seed, lean)")
        return getattr(CnnConfig, name)()

    def to_dict(self) -> dict:
        return asdict(self)


class _CharCNN(nn.Module):
    """Shared input: character embeddings + the two flag channels, and the type embedding."""

    def __init__(self, cfg: CnnConfig):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(VOCAB, cfg.embed, padding_idx=0)
        self.type_embed = nn.Embedding(N_TYPES, cfg.type_dim)

    def inputs(self, chars: torch.Tensor, flags: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.embed(chars).transpose(1, 2), flags], dim=1)  # [N, E+2, W]


class SeedCharCNN(_CharCNN):
    def __init__(self, cfg: CnnConfig):
        super().__init__(cfg)
        f = cfg.filters
        self.convs = nn.Sequential(
            nn.Conv1d(cfg.embed + 2, f, 7), nn.ReLU(), nn.MaxPool1d(3),
            nn.Conv1d(f, f, 7), nn.ReLU(), nn.MaxPool1d(3),
            nn.Conv1d(f, f, 3), nn.ReLU(),
            nn.Conv1d(f, f, 3), nn.ReLU(),
            nn.Conv1d(f, f, 3), nn.ReLU(),
            nn.Conv1d(f, f, 3), nn.ReLU(), nn.MaxPool1d(3),
        )
        length = ((((WIDTH - 6) // 3 - 6) // 3) - 8) // 3  # 2 for WIDTH=160
        self.head = nn.Sequential(
            nn.Linear(f * length + cfg.type_dim, cfg.hidden), nn.ReLU(), nn.Dropout(cfg.dropout),
            nn.Linear(cfg.hidden, cfg.hidden), nn.ReLU(), nn.Dropout(cfg.dropout),
            nn.Linear(cfg.hidden, 1),
        )

    def forward(self, chars: torch.Tensor, flags: torch.Tensor, etype: torch.Tensor) -> torch.Tensor:
        x = self.convs(self.inputs(chars, flags)).flatten(1)
        x = torch.cat([x, self.type_embed(etype)], dim=1)
        return self.head(x).squeeze(1)


class LeanCharCNN(_CharCNN):
    def __init__(self, cfg: CnnConfig):
        super().__init__(cfg)
        f = cfg.filters
        self.convs = nn.Sequential(
            nn.Conv1d(cfg.embed + 2, f, 5, padding=2), nn.ReLU(),
            nn.Conv1d(f, f, 3, padding=2, dilation=2), nn.ReLU(),
            nn.Conv1d(f, f, 3, padding=4, dilation=4), nn.ReLU(),
        )
        self.head = nn.Sequential(
            nn.Linear(2 * f + cfg.type_dim, cfg.hidden), nn.ReLU(), nn.Dropout(cfg.dropout),
            nn.Linear(cfg.hidden, 1),
        )

    def forward(self, chars: torch.Tensor, flags: torch.Tensor, etype: torch.Tensor) -> torch.Tensor:
        h = self.convs(self.inputs(chars, flags))           # [N, F, W]
        whole = h.amax(dim=2)
        mask = flags[:, :1, :]                              # candidate characters
        cand = (h * mask - (1.0 - mask) * 1e4).amax(dim=2)  # ReLU outputs >= 0
        cand = torch.clamp(cand, min=0.0)
        x = torch.cat([cand, whole, self.type_embed(etype)], dim=1)
        return self.head(x).squeeze(1)


def build_model(cfg: CnnConfig) -> nn.Module:
    return SeedCharCNN(cfg) if cfg.variant == "seed" else LeanCharCNN(cfg)


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def load_torch(variant: str, art_dir: str = ARTIFACTS):
    with open(os.path.join(art_dir, f"charcnn-{variant}.json")) as f:
        meta = json.load(f)
    model = build_model(CnnConfig(**meta["model"]))
    model.load_state_dict(torch.load(os.path.join(art_dir, f"charcnn-{variant}.pt"),
                                     weights_only=True))
    model.eval()
    return model, meta
