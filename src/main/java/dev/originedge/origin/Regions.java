package dev.originedge.origin;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives the SigV4 signing region from well-known S3-compatible endpoint host names. */
final class Regions {

    /** Host patterns whose first group is the region. */
    private static final List<Pattern> REGION_IN_HOST = List.of(
            Pattern.compile("s3\\.([a-z0-9-]+)\\.backblazeb2\\.com"),
            // Also GovCloud (us-gov-west-1), FIPS endpoints and China (*.amazonaws.com.cn).
            Pattern.compile("s3(?:-fips)?[.-](?:dualstack\\.)?([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.amazonaws\\.com(?:\\.cn)?"),
            Pattern.compile("s3\\.([a-z0-9-]+)\\.wasabisys\\.com"),
            Pattern.compile("([a-z]{2}-[a-z]+-\\d)\\.linodeobjects\\.com"),
            Pattern.compile("([a-z]+\\d)\\.digitaloceanspaces\\.com"));

    /** Endpoints that are not regional. */
    private static final List<Pattern> US_EAST_1 = List.of(
            Pattern.compile("s3\\.amazonaws\\.com"), Pattern.compile("s3\\.wasabisys\\.com"));
    private static final List<Pattern> AUTO = List.of(
            Pattern.compile("storage\\.googleapis\\.com"), Pattern.compile("[a-z0-9]+\\.r2\\.cloudflarestorage\\.com"));

    private Regions() {
    }

    static Optional<String> derive(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        for (Pattern p : REGION_IN_HOST) {
            Matcher m = p.matcher(h);
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        if (US_EAST_1.stream().anyMatch(p -> p.matcher(h).matches())) {
            return Optional.of("us-east-1");
        }
        if (AUTO.stream().anyMatch(p -> p.matcher(h).matches())) {
            return Optional.of("auto");
        }
        return Optional.empty();
    }
}
