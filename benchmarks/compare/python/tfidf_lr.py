"""TF-IDF word 1-2-grams + logistic regression (Debian's python3-sklearn): the classic strong baseline.

Training time counts reading the training CSV, fitting the vectorizer and fitting the classifier.
Settings were chosen beforehand, not tuned on the test set: TfidfVectorizer(ngram_range=(1, 2),
min_df=2, max_df=0.95, sublinear_tf=True) on the reviews with <br /> removed, and
LogisticRegression(C=10, solver="liblinear"); liblinear is single-threaded.

usage: tfidf_lr.py --train CSV --test CSV [--limit N]
Prints one JSON line.
"""
import argparse
import csv
import json
import re
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def read(path, limit):
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as file:
        rows = [row for _, row in zip(range(limit), csv.DictReader(file))]
    return [BREAK.sub(" ", row["review"]) for row in rows], [row["sentiment"] for row in rows]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--limit", type=int, default=sys.maxsize)
    args = parser.parse_args()

    start = time.perf_counter()
    texts, labels = read(args.train, args.limit)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.95, sublinear_tf=True)
    features = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=10, solver="liblinear").fit(features, labels)
    training_seconds = time.perf_counter() - start

    test_texts, test_labels = read(args.test, args.limit)
    predicted = classifier.predict(vectorizer.transform(test_texts))
    accuracy = sum(p == t for p, t in zip(predicted, test_labels)) / len(test_labels)
    print(json.dumps({
        "bench": "e2e", "contender": "tfidf-lr", "threads": 1, "train_rows": len(texts),
        "test_rows": len(test_labels), "accuracy": accuracy, "training_seconds": training_seconds,
        "features": features.shape[1],
        "settings": "TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.95, sublinear_tf=True) + LogisticRegression(C=10, liblinear)",
    }))


if __name__ == "__main__":
    main()
