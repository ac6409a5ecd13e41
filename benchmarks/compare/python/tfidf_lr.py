"""TF-IDF word 1-2-grams + logistic regression (Debian's python3-sklearn): the classic strong baseline.

Works on any labeled CSV with a header: --text-column and --label-column name the columns (default
review and sentiment, IMDB's). Training time counts reading the training CSV, fitting the vectorizer
and fitting the classifier. Settings were chosen beforehand and are the same for every data set, not
tuned on any test set: TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.95, sublinear_tf=True)
on the texts with HTML line breaks (<br />) removed, and LogisticRegression(C=10, solver="liblinear"),
one-vs-rest for more than two classes; liblinear is single-threaded, so the run uses one thread.

usage: tfidf_lr.py --train CSV --test CSV [--text-column COL] [--label-column COL] [--dataset NAME] [--limit N]
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
SETTINGS = ("TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.95, sublinear_tf=True) + "
            "LogisticRegression(C=10, liblinear, one-vs-rest)")


def read(path, text_column, label_column, limit):
    """Texts and labels of the first `limit` rows; a missing column is an error naming the file."""
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        for column in (text_column, label_column):
            if column not in (reader.fieldnames or []):
                raise SystemExit(f"tfidf_lr: {path} has no column '{column}' (header: {reader.fieldnames})")
        rows = [row for _, row in zip(range(limit), reader)]
    return [BREAK.sub(" ", row[text_column]) for row in rows], [row[label_column] for row in rows]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--text-column", default="review")
    parser.add_argument("--label-column", default="sentiment")
    parser.add_argument("--dataset", default="imdb", help="name stored with the result (imdb, trec-fine, ...)")
    parser.add_argument("--limit", type=int, default=sys.maxsize)
    args = parser.parse_args()

    start = time.perf_counter()
    texts, labels = read(args.train, args.text_column, args.label_column, args.limit)
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.95, sublinear_tf=True)
    features = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=10, solver="liblinear").fit(features, labels)
    training_seconds = time.perf_counter() - start

    test_texts, test_labels = read(args.test, args.text_column, args.label_column, args.limit)
    start = time.perf_counter()
    predicted = classifier.predict(vectorizer.transform(test_texts))
    prediction_seconds = time.perf_counter() - start
    accuracy = sum(p == t for p, t in zip(predicted, test_labels)) / len(test_labels)
    print(json.dumps({
        "bench": "e2e", "dataset": args.dataset, "contender": "tfidf-lr", "threads": 1, "train_rows": len(texts),
        "test_rows": len(test_labels), "classes": len(set(labels)), "accuracy": accuracy,
        "training_seconds": training_seconds, "prediction_seconds": prediction_seconds,
        "features": features.shape[1], "settings": SETTINGS,
    }))


if __name__ == "__main__":
    main()
