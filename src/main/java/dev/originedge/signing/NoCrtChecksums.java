package dev.originedge.signing;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;

/**
 * Native image only: the AWS SDK's checksum provider reaches for the optional AWS CRT native library (CRC64NVME,
 * CRC32C, xxHash). Signing a GET needs no checksum, so instead of bundling the CRT we compile these paths as
 * "CRT not available", which is exactly what the SDK does on a JVM without it.
 */
@TargetClass(className = "software.amazon.awssdk.checksums.internal.ChecksumProvider")
final class NoCrtChecksums {

    @Substitute
    static SdkChecksum createCrtCrc32C() {
        return null; // the SDK then uses the JDK's CRC32C
    }

    @Substitute
    static SdkChecksum crc64NvmeCrtImplementation() {
        throw new UnsupportedOperationException("CRC64NVME needs the AWS CRT, which Origin Edge does not include");
    }

    @Substitute
    static SdkChecksum crtXxHash(ChecksumAlgorithm algorithm) {
        throw new UnsupportedOperationException("xxHash needs the AWS CRT, which Origin Edge does not include");
    }
}
