package dev.originedge.config;

/** How a bucket is named in an S3 request. */
public enum Addressing {
    /** {@code Host: bucket.endpoint-host}, path {@code /key}. */
    VIRTUAL_HOST,
    /** {@code Host: endpoint-host}, path {@code /bucket/key}. */
    PATH
}
