#!/usr/bin/python3
"""The AWS sample's drift analysis (its Glue job), restated to check the drift job's MLlib engine.

This is not the sample's code: it is a description of what that job computes, written again so that
a test can run the same Spark MLlib pipeline on the same files and compare the DynamoDB items. The
steps, as the sample publishes them:

  1. Read every file under the path as text lines, recursively.
  2. Remove the brackets from each line, cut it at the commas, and cast each piece to a float, giving
     an array of floats per line; turn that array into an ML vector, then pass it through a
     VectorAssembler into a column named "features".
  3. Fit a PCA with 100 components on "features"; accumulate its explained-variance ratios and take
     the 0-based index of the first cumulative value above 0.95, or 100 when there is none (varpc).
  4. Fit KMeans with k = 10 and every other parameter at its default, the seed included, on the
     original "features" (not on the PCA's projection).
  5. Score the model's predictions with ClusteringEvaluator: silhouette, squared Euclidean distance.
  6. Store one run item (jobtype, jobdate, score, inertia = the training cost, varpc, clustersizes as
     Python prints a list) and one item per centre (jobtypedate = "<jobtype>-<jobdate>", centroid =
     its index, center = its coordinates as Python prints floats, joined by commas).

A default that matters: PySpark's KMeans seed is Python's hash() of the class name "KMeans", which
Python randomises per process unless PYTHONHASHSEED is set, so two runs of the sample on the same data
start K-Means differently. The seed this run used is printed, with the items, as one JSON line.

Options beyond the sample's: --endpoint-url (a DynamoDB Local), --jobdate (fixed instead of now),
--master and --conf (to match another Spark session's partitioning), --clusters (the sample's k is
10; the benchmark times other values).
"""
import argparse
import json
import time

import boto3
import numpy as np
from pyspark.ml.clustering import KMeans
from pyspark.ml.evaluation import ClusteringEvaluator
from pyspark.ml.feature import PCA, VectorAssembler
from pyspark.ml.functions import array_to_vector
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

PCA_COMPONENTS = 100
VARIANCE_TARGET = 0.95
CLUSTERS = 10


def first_index_above(values, target, otherwise):
    """0-based index of the first value strictly above target; `otherwise` when none is."""
    above = np.flatnonzero(np.asarray(values) > target)
    return int(above[0]) if above.size else otherwise


def analyse(spark, data_path, clusters):
    timings = {}
    lines = spark.read.option("recursiveFileLookup", "true").text(data_path)
    pieces = F.split(F.regexp_replace(F.col("value"), r"[\[\]]", ""), ",")
    floats = lines.select(pieces.cast("array<float>").alias("values"))
    vectors = floats.select(array_to_vector("values").alias("vector"))
    frame = VectorAssembler(inputCols=["vector"], outputCol="features").transform(vectors)

    start = time.perf_counter()
    pca_model = PCA(k=PCA_COMPONENTS, inputCol="features").fit(frame)
    cumulative = np.cumsum(pca_model.explainedVariance.toArray())
    varpc = first_index_above(cumulative, VARIANCE_TARGET, PCA_COMPONENTS)
    timings["pca"] = time.perf_counter() - start

    start = time.perf_counter()
    kmeans = KMeans(k=clusters)
    model = kmeans.fit(frame)
    summary = model.summary
    timings["kmeans"] = time.perf_counter() - start

    start = time.perf_counter()
    evaluator = ClusteringEvaluator(predictionCol=model.getPredictionCol(), featuresCol="features",
                                    metricName="silhouette", distanceMeasure="squaredEuclidean")
    score = evaluator.evaluate(model.transform(frame))
    timings["silhouette_squared"] = time.perf_counter() - start
    return {
        "seed": kmeans.getSeed(),
        "partitions": frame.rdd.getNumPartitions(),
        "varpc": varpc,
        "score": score,
        "inertia": summary.trainingCost,
        "clustersizes": summary.clusterSizes,
        "centers": model.clusterCenters(),
        "timings_s": timings,
    }


def ensure_table(client, name, hash_key, range_key):
    """The sample's tables: a string partition key and a number sort key; created when missing."""
    if name not in client.list_tables()["TableNames"]:
        client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": hash_key, "KeyType": "HASH"}, {"AttributeName": range_key, "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": hash_key, "AttributeType": "S"},
                                  {"AttributeName": range_key, "AttributeType": "N"}],
            BillingMode="PAY_PER_REQUEST")
        client.get_waiter("table_exists").wait(TableName=name)


def store(result, job_type, jobdate, out_table, centroid_table, endpoint_url):
    client = boto3.client("dynamodb", endpoint_url=endpoint_url)
    ensure_table(client, out_table, "jobtype", "jobdate")
    ensure_table(client, centroid_table, "jobtypedate", "centroid")
    # The low-level item format, typed as the sample types it: numbers travel as Python's own str() of them.
    client.put_item(TableName=out_table, Item={
        "jobtype": {"S": job_type},
        "jobdate": {"N": str(jobdate)},
        "score": {"N": str(result["score"])},
        "inertia": {"N": str(result["inertia"])},
        "varpc": {"N": str(result["varpc"])},
        "clustersizes": {"S": str(result["clustersizes"])},
    })
    for index, centre in enumerate(result["centers"]):
        client.put_item(TableName=centroid_table, Item={
            "jobtypedate": {"S": f"{job_type}-{jobdate}"},
            "centroid": {"N": str(index)},
            "center": {"S": ",".join(str(x) for x in centre)},
        })


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data_path", required=True)
    p.add_argument("--job_type", default="BASELINE")
    p.add_argument("--out_table", default="drift")
    p.add_argument("--centroid_table", default="centroids")
    p.add_argument("--jobdate", type=int, default=None, help="epoch seconds (default: now)")
    p.add_argument("--endpoint-url", dest="endpoint_url", default=None)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--clusters", type=int, default=CLUSTERS)
    a = p.parse_args()

    builder = SparkSession.builder.master(a.master).appName("aws-sample-drift").config("spark.ui.enabled", "false")
    for setting in a.conf:
        key, value = setting.split("=", 1)
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    try:
        jobdate = a.jobdate if a.jobdate is not None else int(time.time())
        result = analyse(spark, a.data_path, a.clusters)
        store(result, a.job_type, jobdate, a.out_table, a.centroid_table, a.endpoint_url)
    finally:
        spark.stop()
    print(json.dumps({"jobdate": jobdate, "seed": result["seed"], "partitions": result["partitions"],
                      "varpc": result["varpc"], "score": result["score"], "inertia": result["inertia"],
                      "clustersizes": result["clustersizes"], "timings_s": result["timings_s"]}))


if __name__ == "__main__":
    main()
