package dev.originedge.demo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A real S3-compatible origin (S3Proxy, in memory) that verifies AWS Signature V4 with its own credentials.
 * Used by the tests and by the demo; never part of the production artifact.
 */
public final class S3Origin implements AutoCloseable {

    private final String accessKeyId;
    private final String secretAccessKey;
    private final BlobStore store;
    private final S3Proxy proxy;

    /**
     * @param port        0 for any free port
     * @param virtualHost null for path-style only; else the endpoint host under which {@code bucket.host} works
     */
    public S3Origin(int port, String accessKeyId, String secretAccessKey, String virtualHost) {
        this(port, accessKeyId, secretAccessKey, virtualHost, null, null);
    }

    /**
     * @param keyStore         a PKCS12 key store with the server certificate: also serve HTTPS (on {@link #securePort()})
     * @param keyStorePassword its password
     */
    public S3Origin(int port, String accessKeyId, String secretAccessKey, String virtualHost, String keyStore,
            String keyStorePassword) {
        this(port, AuthenticationType.AWS_V4, accessKeyId, secretAccessKey, virtualHost, keyStore, keyStorePassword);
    }

    /** A public bucket: anyone may read, requests are not signed. */
    public static S3Origin anonymous(int port) {
        return new S3Origin(port, AuthenticationType.NONE, null, null, null, null, null);
    }

    private S3Origin(int port, AuthenticationType authentication, String accessKeyId, String secretAccessKey,
            String virtualHost, String keyStore, String keyStorePassword) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.store = BlobStores.create("transient", new Properties());
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(authentication, accessKeyId, secretAccessKey);
        if (virtualHost != null) {
            builder.virtualHost(virtualHost);
        }
        if (keyStore != null) {
            builder.secureEndpoint(URI.create("https://127.0.0.1:0")).keyStore(keyStore, keyStorePassword);
        }
        this.proxy = builder.build();
    }

    public S3Origin start() throws Exception {
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return this;
    }

    public int port() {
        return proxy.getPort();
    }

    public int securePort() {
        return proxy.getSecurePort();
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public S3Origin bucket(String bucket) {
        store.createContainer(bucket);
        return this;
    }

    public S3Origin put(String bucket, String key, byte[] content, String contentType) {
        return put(bucket, key, new ByteArrayInputStream(content), content.length, contentType);
    }

    public S3Origin put(String bucket, String key, InputStream content, long length, String contentType) {
        store.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength(length)
                .contentType(contentType).build(), content);
        return this;
    }

    /** An object with metadata: its own Cache-Control (null: none) and user metadata ({@code x-amz-meta-*}). */
    public S3Origin put(String bucket, String key, byte[] content, String contentType, String cacheControl,
            Map<String, String> metadata) {
        store.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) content.length)
                .contentType(contentType).cacheControl(cacheControl).metadata(metadata).build(),
                new ByteArrayInputStream(content));
        return this;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
