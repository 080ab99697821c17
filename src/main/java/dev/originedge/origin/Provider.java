package dev.originedge.origin;

import dev.originedge.config.Addressing;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an origin's objects live, and so its default endpoint, Host form, path and authentication
 * ({@code edge.origins.<name>.provider}). Explicit settings always win over what a preset derives.
 */
public enum Provider {
    /** Amazon S3, or any S3 API at an explicit endpoint (the default). */
    S3("https://s3.{region}.amazonaws.com", Addressing.VIRTUAL_HOST),
    /** Backblaze B2's S3-compatible API. */
    B2("https://s3.{region}.backblazeb2.com", Addressing.VIRTUAL_HOST),
    /** Backblaze B2's native download URLs: {@code /file/{bucket}/{key}}, public or with a download token. */
    B2_NATIVE("https://{download-host}", null),
    /** Google Cloud Storage's XML API with HMAC keys. */
    GCS("https://storage.googleapis.com", Addressing.VIRTUAL_HOST),
    /** DigitalOcean Spaces. */
    SPACES("https://{region}.digitaloceanspaces.com", Addressing.VIRTUAL_HOST),
    WASABI("https://s3.{region}.wasabisys.com", Addressing.VIRTUAL_HOST),
    /** Alibaba Cloud OSS through its S3-compatible API. */
    OSS("https://{region}.aliyuncs.com", Addressing.VIRTUAL_HOST),
    /** Cloudflare R2: path style only. */
    R2("https://{account}.r2.cloudflarestorage.com", Addressing.PATH),
    /** Azure Blob Storage: {@code /{container}/{key}}, authorised by a SAS token as the query. */
    AZURE("https://{account}.blob.core.windows.net", null),
    /** A web server, PaaS app or serverless function: the path as requested, no bucket, optional edge-auth. */
    HTTP(null, null);

    private final String endpointTemplate;
    private final Addressing addressing;

    Provider(String endpointTemplate, Addressing addressing) {
        this.endpointTemplate = endpointTemplate;
        this.addressing = addressing;
    }

    /** The endpoint with {@code {region}}, {@code {account}} or {@code {download-host}} to fill in; empty: none. */
    public Optional<String> endpointTemplate() {
        return Optional.ofNullable(endpointTemplate);
    }

    /** Speaks the S3 API: signed with SigV4 when it has keys, virtual-host or path addressed. */
    public boolean s3Api() {
        return addressing != null;
    }

    /** How the bucket is named when {@code addressing} is not set; null where the path form is fixed. */
    public Addressing defaultAddressing() {
        return addressing;
    }

    /** Holds objects by key: index documents and directory probes apply; a query is never forwarded. */
    public boolean bucket() {
        return this != HTTP;
    }

    /** Its name in configuration: {@code b2-native}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the providers there are */
    public static Provider parse(String configName) {
        String wanted = configName.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.configName().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown provider '" + configName + "': one of "
                        + Arrays.stream(values()).map(Provider::configName).collect(Collectors.joining(", "))));
    }
}
