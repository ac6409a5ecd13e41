"""PyTorch twins of our TextCnn and BiLstmClassifier, timed the way GluonStyleText.Compare times ours.

The shapes come from our own resolved configuration (GluonStyleText.Compare shapes), so both sides
build the same network: the CNN is embedding (padding row 0) -> word-vector dropout -> one Conv1d per kernel size over the
embedding channels -> ReLU -> max over time (plus the mean over real-token windows for max_mean) ->
dropout -> linear; the BiLSTM is embedding -> dropout -> per layer one forward LSTM and one LSTM over
each text reversed within its length -> mean and max over real tokens -> dropout -> linear, as ours
does it. A training step is zero_grad, forward, cross entropy, backward, gradient-norm clipping when
the configuration has it, optimizer step. Inputs are full-length random token ids.

usage: models.py --shapes FILE --mode train|infer --name NAME [--threads N] [--steps N] [--warmup N]
                 [--infer-batch N]
Prints one JSON line. Run it with Debian's /usr/bin/python3 and its python3-torch.
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn
from torch.nn import functional


class TextCnn(nn.Module):
    def __init__(self, shapes):
        super().__init__()
        self.embedding = nn.Embedding(shapes["vocab_size"], shapes["embed_size"], padding_idx=0)
        self.convolutions = nn.ModuleList(
            nn.Conv1d(shapes["embed_size"], shapes["filters"], size) for size in shapes["kernel_sizes"])
        self.mean_pooling = shapes["cnn_pooling"] == "max_mean"
        self.word_dropout = nn.Dropout2d(shapes.get("embedding_dropout", 0.0))
        self.dropout = nn.Dropout(shapes["dropout"])
        features = shapes["filters"] * len(shapes["kernel_sizes"]) * (2 if self.mean_pooling else 1)
        self.bigram_buckets = shapes.get("bigram_buckets", 0)
        bigram_size = shapes.get("bigram_size", 0) if self.bigram_buckets > 0 else 0
        self.output = nn.Linear(features + bigram_size, shapes["n_classes"])
        # The same hashed bag of bigrams as ours (HashedBigramBag): row 0 stands for "no bigram".
        self.bigrams = nn.Embedding(self.bigram_buckets + 1, bigram_size, padding_idx=0) if bigram_size else None

    def forward(self, ids):
        # Whole word vectors dropped, as ours does (Dropout2d over [batch, words, 1, width]).
        channels_first = self.word_dropout(self.embedding(ids).unsqueeze(2)).squeeze(2).transpose(1, 2)
        is_token = ids.ne(0).unsqueeze(1).to(channels_first.dtype)
        pooled = []
        for convolution in self.convolutions:
            activations = functional.relu(convolution(channels_first))
            pooled.append(activations.amax(2))
            if self.mean_pooling:
                starts_on_token = is_token[:, :, : activations.shape[2]]
                pooled.append((activations * starts_on_token).sum(2) / starts_on_token.sum(2).clamp_min(1))
        features = self.dropout(torch.cat(pooled, 1))
        if self.bigrams is not None:
            first, second = ids[:, :-1], ids[:, 1:]
            is_bigram = first.ne(0) & second.ne(0)
            bucket = ((first * 1_000_003 + second).remainder(self.bigram_buckets) + 1) * is_bigram
            count = is_bigram.sum(1, keepdim=True).to(features.dtype).clamp_min(1)
            features = torch.cat([features, self.bigrams(bucket).sum(1) / count], 1)
        return self.output(features)


class BiLstmClassifier(nn.Module):
    def __init__(self, shapes):
        super().__init__()
        hidden, layers = shapes["hidden_size"], shapes["n_layers"]
        directions = 2 if shapes["bidirectional"] else 1
        width = directions * hidden
        self.embedding = nn.Embedding(shapes["vocab_size"], shapes["embed_size"], padding_idx=0)
        self.dropout = nn.Dropout(shapes["dropout"])
        self.forward_layers = nn.ModuleList(
            nn.LSTM(shapes["embed_size"] if layer == 0 else width, hidden, batch_first=True) for layer in range(layers))
        self.backward_layers = nn.ModuleList(
            nn.LSTM(shapes["embed_size"] if layer == 0 else width, hidden, batch_first=True)
            for layer in range(layers if directions == 2 else 0))
        self.output = nn.Linear(2 * width, shapes["n_classes"])

    def forward(self, ids):
        is_token = ids.ne(0)
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        lengths = (is_token.long() * (positions + 1)).amax(1, keepdim=True)
        reversal = torch.where(positions < lengths, lengths - 1 - positions, positions)
        states = self.dropout(self.embedding(ids))
        for layer, forward_lstm in enumerate(self.forward_layers):
            if layer > 0:
                states = self.dropout(states)
            forward_states, _ = forward_lstm(states)
            if not self.backward_layers:
                states = forward_states
                continue
            backward_states, _ = self.backward_layers[layer](reorder(states, reversal))
            states = torch.cat([forward_states, reorder(backward_states, reversal)], 2)
        weights = is_token.unsqueeze(-1).to(states.dtype)
        counts = weights.sum(1)
        mean = (states * weights).sum(1) / counts.clamp_min(1)
        maximum = states.masked_fill(~is_token.unsqueeze(-1), torch.finfo(states.dtype).min).amax(1)
        maximum = torch.where(counts > 0, maximum, torch.zeros_like(maximum))
        return self.output(self.dropout(torch.cat([mean, maximum], 1)))


def reorder(states, reversal):
    return states.gather(1, reversal.unsqueeze(-1).expand(-1, -1, states.shape[2]))


def optimizer_for(shapes, parameters):
    name, rate, decay = shapes["optimizer"], shapes["learning_rate"], shapes["weight_decay"]
    factories = {
        "adam": lambda: torch.optim.Adam(parameters, lr=rate, weight_decay=decay),
        "adamw": lambda: torch.optim.AdamW(parameters, lr=rate, weight_decay=decay),
        "sgd": lambda: torch.optim.SGD(parameters, lr=rate, weight_decay=decay),
        "adagrad": lambda: torch.optim.Adagrad(parameters, lr=rate, weight_decay=decay),
        "rmsprop": lambda: torch.optim.RMSprop(parameters, lr=rate, weight_decay=decay),
    }
    return factories[name]()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shapes", required=True)
    parser.add_argument("--mode", choices=["train", "infer"], required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--infer-batch", type=int, default=256)
    args = parser.parse_args()

    with open(args.shapes, encoding="utf-8") as file:
        shapes = json.load(file)
    torch.set_num_threads(args.threads)
    torch.manual_seed(7)
    model = TextCnn(shapes) if shapes["cnn"] else BiLstmClassifier(shapes)
    if shapes["freeze_embeddings"]:
        model.embedding.weight.requires_grad_(False)
    batch = shapes["batch_size"] if args.mode == "train" else args.infer_batch
    ids = torch.randint(2, shapes["vocab_size"], (batch, shapes["seq_len"]))
    targets = torch.randint(0, shapes["n_classes"], (batch,))

    if args.mode == "train":
        parameters = [parameter for parameter in model.parameters() if parameter.requires_grad]
        optimizer = optimizer_for(shapes, parameters)
        model.train()

        def step():
            optimizer.zero_grad()
            loss = functional.cross_entropy(model(ids), targets)
            loss.backward()
            if shapes["max_grad_norm"] > 0:
                nn.utils.clip_grad_norm_(parameters, shapes["max_grad_norm"])
            optimizer.step()
            return loss.item()
    else:
        model.eval()

        def step():
            with torch.no_grad():
                return model(ids).sum().item()

    for _ in range(args.warmup):
        step()
    seconds = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    print(json.dumps({
        "bench": "model", "contender": "pytorch", "model": args.name, "mode": args.mode,
        "threads": torch.get_num_threads(), "batch": batch, "torch_version": torch.__version__,
        "parameters": sum(parameter.numel() for parameter in model.parameters()),
        "step_seconds": seconds, "median_step_seconds": median, "examples_per_s": batch / median,
    }))


if __name__ == "__main__":
    main()
