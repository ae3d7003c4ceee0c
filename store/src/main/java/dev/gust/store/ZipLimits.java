package dev.gust.store;

/**
 * The limits a deployment package must respect when unpacked by {@link ZipPackageReader}.
 *
 * @param maxUnzippedBytes most bytes all files together may hold once unpacked (counted as written, never
 *     taken from the sizes the zip declares)
 * @param maxEntries most entries the zip may have
 * @param maxCompressionRatio most bytes one entry may inflate to per compressed byte ...
 * @param ratioCheckedAbove ... once it has inflated to more than this many bytes (small entries of zeros are fine)
 */
public record ZipLimits(long maxUnzippedBytes, int maxEntries, int maxCompressionRatio, long ratioCheckedAbove) {

    /** Lambda's unzipped-size quota (250 MiB) and generous limits against zip bombs. */
    public static final ZipLimits LAMBDA = new ZipLimits(262_144_000L, 20_000, 1_000, 1L << 20);
}
