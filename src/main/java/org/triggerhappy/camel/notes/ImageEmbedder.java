package org.triggerhappy.camel.notes;

import com.evernote.edam.limits.Constants;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a note's images inside it: downloads what the first pass found, keeps the GIF/JPEG/PNG images that fit
 * (per image, per note, the account's remaining allowance), and writes the ENML again with en-media for them.
 * Whatever is not embedded stays a remote image; the note is never lost over an image.
 */
final class ImageEmbedder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageEmbedder.class);

    /** ENML plus resources of one note, on Evernote Free (the smallest). */
    static final long NOTE_SIZE_MAX = Constants.EDAM_NOTE_SIZE_MAX_FREE;
    static final long RESOURCE_SIZE_MAX = Constants.EDAM_RESOURCE_SIZE_MAX_FREE;
    /** Images downloaded and stored per note, at most. */
    static final int MAX_PER_NOTE = 100;
    static final int DOWNLOADS_PER_NOTE = 4;
    static final Duration NOTE_DEADLINE = Duration.ofSeconds(60);
    /** The larger of an en-media tag over the img tag it replaces, per image, reserved while choosing images. */
    private static final int EN_MEDIA_GROWTH = 64;
    private static final String IMG_SRC = "<img src=\"";
    private static final Pattern EN_MEDIA_HASH = Pattern.compile("<en-media type=\"[^\"]*\" hash=\"([0-9a-f]{32})\"");

    /** What the note gets: its ENML, its resources, whether the allowance forced remote images. */
    record Embedded(String enml, List<NoteResource> resources, boolean overBudget) {
    }

    private final ImageDownloads downloads;
    private final long noteSizeMax;
    private final long resourceSizeMax;

    ImageEmbedder(ImageSource source) {
        this(new ImageDownloads(source, DOWNLOADS_PER_NOTE, NOTE_DEADLINE), NOTE_SIZE_MAX, RESOURCE_SIZE_MAX);
    }

    ImageEmbedder(ImageDownloads downloads, long noteSizeMax, long resourceSizeMax) {
        this.downloads = downloads;
        this.noteSizeMax = noteSizeMax;
        this.resourceSizeMax = resourceSizeMax;
    }

    /**
     * @param remoteEnml the note with every image remote (the first pass), already valid
     * @param urls       the images that pass found, in document order
     * @param rewrite    writes the ENML again with the given images as en-media (needed only near the size limit)
     * @param contentMax the size limit of the ENML the converter writes, in UTF-8 bytes
     * @return the note with the images that fit as resources; its ENML is not validated yet (the caller does,
     *     once, and falls back to {@code remoteEnml} when it is not valid)
     */
    Embedded embed(String remoteEnml, List<String> urls, Map<String, FetchedImage> fetched, long maxTotalBytes,
                   Function<InlineImages, String> rewrite, long contentMax, String sourceUrl) {
        Embedded remote = new Embedded(remoteEnml, List.of(), false);
        long remoteBytes = XmlText.utf8Length(remoteEnml);
        if (urls.isEmpty()) {
            return remote;
        }
        if (remoteBytes >= maxTotalBytes) {
            return new Embedded(remoteEnml, List.of(), true);
        }
        Map<String, NoteResource> byUrl = choose(urls, fetched, remoteBytes);
        if (byUrl.isEmpty()) {
            return remote;
        }
        // Far from the limit, writing again would only swap each img's src for type and hash: do just that.
        String enml = remoteBytes + (long) EN_MEDIA_GROWTH * urls.size() < contentMax
                ? swapInMedia(remoteEnml, byUrl) : rewrite.apply((src, attributes) -> byUrl.get(src));
        Set<String> shown = shownHashes(enml);
        Map<String, NoteResource> resources = new LinkedHashMap<>();
        for (String url : urls) { // document order
            NoteResource r = byUrl.get(url);
            if (r != null && shown.contains(r.md5Hex())) {
                resources.putIfAbsent(r.md5Hex(), r);
            }
        }
        long total = XmlText.utf8Length(enml) + resources.values().stream().mapToLong(r -> r.data().length).sum();
        if (total > maxTotalBytes) {
            return new Embedded(remoteEnml, List.of(), true);
        }
        if (total > noteSizeMax || !resources.keySet().equals(shown)) {
            LOG.warn("images not embedded: the note came out {} bytes, {} of {} images referenced source_url={}",
                    total, resources.size(), shown.size(), sourceUrl);
            return remote;
        }
        LOG.debug("images embedded={} found={} source_url={}", resources.size(), urls.size(), sourceUrl);
        return new Embedded(enml, List.copyOf(resources.values()), false);
    }

    /** The images at {@code urls}, downloaded (a few at a time, within the note's deadline); failures are missing. */
    Map<String, FetchedImage> download(List<String> urls) {
        return urls.isEmpty() ? Map.of() : downloads.fetch(urls);
    }

    /** URL → resource for every downloaded image worth storing; identical bytes share one resource. */
    private Map<String, NoteResource> choose(List<String> urls, Map<String, FetchedImage> fetched, long remoteBytes) {
        Map<String, NoteResource> byUrl = new HashMap<>();
        Map<String, NoteResource> byHash = new HashMap<>();
        long used = remoteBytes;
        for (String url : urls) {
            FetchedImage image = fetched.get(url);
            if (image == null || image.data().length == 0 || image.data().length > resourceSizeMax) {
                continue;
            }
            Optional<ImageType.Info> info = ImageType.detect(image.data());
            if (info.isEmpty() || ImageCandidates.isTrackingPixel(info.get().width(), info.get().height())) {
                continue;
            }
            NoteResource resource = NoteResource.image(image.data(), info.get(), url);
            NoteResource same = byHash.get(resource.md5Hex());
            if (same != null) {
                byUrl.put(url, same);
                continue;
            }
            long cost = image.data().length + EN_MEDIA_GROWTH;
            if (byHash.size() >= MAX_PER_NOTE || used + cost > noteSizeMax) {
                continue;
            }
            byHash.put(resource.md5Hex(), resource);
            byUrl.put(url, resource);
            used += cost;
        }
        return byUrl;
    }

    /**
     * {@code enml} with {@code <img src="URL"} turned into {@code <en-media type="…" hash="…"} for every URL that has
     * a resource: what the converter writes for such an image, whose other attributes come after src.
     */
    static String swapInMedia(String enml, Map<String, NoteResource> byUrl) {
        Map<String, NoteResource> byWrittenSrc = new HashMap<>();
        byUrl.forEach((url, r) -> byWrittenSrc.put(XmlText.escapeAttribute(url), r));
        StringBuilder out = new StringBuilder(enml.length() + byUrl.size() * EN_MEDIA_GROWTH);
        int from = 0;
        for (int at = enml.indexOf(IMG_SRC); at >= 0; at = enml.indexOf(IMG_SRC, from)) {
            int valueStart = at + IMG_SRC.length();
            int valueEnd = enml.indexOf('"', valueStart);
            NoteResource r = byWrittenSrc.get(enml.substring(valueStart, valueEnd));
            out.append(enml, from, at);
            if (r == null) {
                out.append(enml, at, valueEnd + 1);
            } else {
                out.append("<en-media type=\"").append(r.mime()).append("\" hash=\"").append(r.md5Hex()).append('"');
            }
            from = valueEnd + 1;
        }
        return out.append(enml, from, enml.length()).toString();
    }

    static Set<String> shownHashes(String enml) {
        Matcher m = EN_MEDIA_HASH.matcher(enml);
        return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
    }
}
