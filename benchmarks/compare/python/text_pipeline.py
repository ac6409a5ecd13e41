"""The seed's TextTransformer steps in Python 3: the peer of our text pipeline (fit + encode).

Two variants, both written here (no code of the seed is copied):
  seed   the seed's algorithm step by step, as its Python 2 TextTransformer does it: per review strip,
         newlines to spaces, the three HTML entities it knows (&amp; &gt; &lt;), lowercase, drop
         non-ASCII characters one by one, punctuation to spaces, split, drop leftover symbol tokens;
         fit counts every word and indexes all of them by frequency (1 = most frequent); encode
         cleans each review again, keeps the known words, clips ids to vocab_size - 1, truncates to
         seq_len and zero-pads, one numpy row at a time.
  tuned  the same kind of work done the fast way in Python: html.unescape, str.encode to drop
         non-ASCII, one str.translate, collections.Counter, the vocab_size - 2 most frequent words
         (0 = padding, 1 = unknown, as ours), unknown words to 1.
Reading the CSV is not timed (nor is it on our side); one untimed pass, then one timed pass, as ours.

usage: text_pipeline.py --csv FILE [--variant seed|tuned] [--limit N] [--vocab 5000] [--seq-len 500]
Prints one JSON line.
"""
import argparse
import collections
import csv
import html
import json
import string
import sys
import time

import numpy as np

PUNCTUATION_TO_SPACES = str.maketrans(string.punctuation, " " * len(string.punctuation))
SEED_SYMBOLS = list(string.punctuation) + ["-----", "---", "...", "\u201c", "\u201d", "'ve"]


class SeedTransformer:
    """The seed's steps, kept in their order and granularity."""

    def clean(self, text):
        text = text.strip().replace("\n", " ").replace("\r", " ")
        text = text.replace("&amp;", "and").replace("&gt;", ">").replace("&lt;", "<")
        text = text.lower()
        text = "".join(character for character in text if ord(character) < 128)
        tokens = text.lower().translate(PUNCTUATION_TO_SPACES).split()
        return " ".join(token for token in tokens if token not in SEED_SYMBOLS)

    def fit(self, texts):
        counts = collections.Counter()
        for text in texts:
            counts.update(self.clean(text).split())
        self.index = {word: rank + 1 for rank, (word, _) in enumerate(counts.most_common())}
        return self

    def encode(self, texts, vocab_size, seq_len):
        output = np.zeros((len(texts), seq_len))
        for row, text in enumerate(texts):
            ids = np.array([self.index[word] for word in self.clean(text).split() if word in self.index])
            ids[ids > vocab_size - 1] = vocab_size - 1
            if len(ids) > seq_len:
                output[row] = ids[:seq_len]
            else:
                output[row] = np.append(ids, [0] * (seq_len - len(ids)))
        return output


class TunedTransformer:
    """The same work, the fast way Python offers."""

    @staticmethod
    def tokenize(text):
        text = html.unescape(text.strip()).lower()
        text = text.encode("ascii", "ignore").decode("ascii")
        return text.translate(PUNCTUATION_TO_SPACES).split()

    def fit(self, texts, vocab_size):
        counts = collections.Counter()
        for text in texts:
            counts.update(self.tokenize(text))
        self.index = {word: rank + 2 for rank, (word, _) in enumerate(counts.most_common(vocab_size - 2))}
        return self

    def encode(self, texts, seq_len):
        ids = np.zeros((len(texts), seq_len), dtype=np.int64)
        for row, text in enumerate(texts):
            row_ids = [self.index.get(word, 1) for word in self.tokenize(text)][:seq_len]
            ids[row, : len(row_ids)] = row_ids
        return ids


def fit_and_encode(variant, texts, vocab_size, seq_len):
    if variant == "seed":
        return SeedTransformer().fit(texts).encode(texts, vocab_size, seq_len)
    return TunedTransformer().fit(texts, vocab_size).encode(texts, seq_len)


def read_reviews(path, limit):
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as file:
        return [row["review"] for _, row in zip(range(limit), csv.DictReader(file))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--variant", choices=["seed", "tuned"], default="seed")
    parser.add_argument("--limit", type=int, default=sys.maxsize)
    parser.add_argument("--vocab", type=int, default=5000)
    parser.add_argument("--seq-len", type=int, default=500)
    args = parser.parse_args()

    texts = read_reviews(args.csv, args.limit)
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    fit_and_encode(args.variant, texts, args.vocab, args.seq_len)
    start = time.perf_counter()
    ids = fit_and_encode(args.variant, texts, args.vocab, args.seq_len)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "bench": "text", "contender": f"python-{args.variant}", "threads": 1, "reviews": len(texts),
        "megabytes": megabytes, "seconds": seconds, "mb_per_s": megabytes / seconds,
        "reviews_per_s": len(texts) / seconds, "checksum": int(ids.sum()),
    }))


if __name__ == "__main__":
    main()
