package org.triggerhappy.camel.testsupport;

import com.evernote.edam.error.EDAMErrorCode;
import com.evernote.edam.error.EDAMUserException;
import com.evernote.edam.limits.Constants;
import com.evernote.edam.type.Data;
import com.evernote.edam.type.Note;
import com.evernote.edam.type.Resource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.triggerhappy.camel.testsupport.FakeEvernoteAccount.userException;

/**
 * The service's checks of a new note's resources (createNote in the NoteStore javadoc): data present, MD5 of the body
 * equal to bodyHash, Data.size equal to the body's length, a valid MIME type, size limits of a Free account, and every
 * {@code <en-media hash>} of the content naming a resource of the note. Parameters are those the service documents;
 * for a hash or size that does not match its body (not documented) BAD_DATA_FORMAT on the field, and for an
 * en-media without a resource ENML_VALIDATION, as for other content the service will not render.
 */
final class FakeEvernoteResources {

    private static final Pattern MIME = Pattern.compile(Constants.EDAM_MIME_REGEX);
    private static final String ATTRIBUTE = "\\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')";
    private static final Pattern EN_MEDIA = Pattern.compile("<en-media((?:" + ATTRIBUTE + ")*)\\s*/?>");
    private static final Pattern ONE_ATTRIBUTE = Pattern.compile(ATTRIBUTE);

    private FakeEvernoteResources() {
    }

    /** Checks the note's resources against its content; returns the note's size (content bytes + resource bodies). */
    static long check(Note note) throws EDAMUserException {
        List<Resource> resources = note.isSetResources() ? note.getResources() : List.of();
        if (resources.size() > Constants.EDAM_NOTE_RESOURCES_MAX) {
            throw userException(EDAMErrorCode.LIMIT_REACHED, "Note.resources");
        }
        long size = note.getContent().getBytes(StandardCharsets.UTF_8).length;
        Set<String> hashes = new HashSet<>();
        for (Resource resource : resources) {
            Data data = resource.getData();
            if (data == null || data.getBody() == null) {
                throw userException(EDAMErrorCode.DATA_REQUIRED, "Resource.data");
            }
            byte[] body = data.getBody();
            if (body.length > Constants.EDAM_RESOURCE_SIZE_MAX_FREE) {
                throw userException(EDAMErrorCode.LIMIT_REACHED, "Resource.data.size");
            }
            if (!data.isSetSize() || data.getSize() != body.length) {
                throw userException(EDAMErrorCode.BAD_DATA_FORMAT, "Resource.data.size");
            }
            byte[] md5 = md5(body);
            if (!data.isSetBodyHash() || !Arrays.equals(md5, data.getBodyHash())) {
                throw userException(EDAMErrorCode.BAD_DATA_FORMAT, "Resource.data.bodyHash");
            }
            if (resource.getMime() == null) {
                throw userException(EDAMErrorCode.DATA_REQUIRED, "Resource.mime");
            }
            if (resource.getMime().length() < Constants.EDAM_MIME_LEN_MIN
                    || resource.getMime().length() > Constants.EDAM_MIME_LEN_MAX
                    || !MIME.matcher(resource.getMime()).matches()) {
                throw userException(EDAMErrorCode.BAD_DATA_FORMAT, "Resource.mime");
            }
            hashes.add(HexFormat.of().formatHex(md5));
            size += body.length;
        }
        for (String hash : mediaHashes(note.getContent())) {
            if (!hashes.contains(hash.toLowerCase(java.util.Locale.ROOT))) {
                throw userException(EDAMErrorCode.ENML_VALIDATION,
                        "en-media hash " + hash + " does not match any resource of the note");
            }
        }
        if (size > Constants.EDAM_NOTE_SIZE_MAX_FREE) {
            throw userException(EDAMErrorCode.LIMIT_REACHED, "Note.size");
        }
        return size;
    }

    /** The hash attribute of every en-media element of well-formed ENML (attribute by attribute, any order). */
    static Set<String> mediaHashes(String enml) {
        Set<String> hashes = new HashSet<>();
        Matcher element = EN_MEDIA.matcher(enml);
        while (element.find()) {
            Matcher attribute = ONE_ATTRIBUTE.matcher(element.group(1));
            while (attribute.find()) {
                if (attribute.group(1).equals("hash")) {
                    hashes.add(attribute.group(2) != null ? attribute.group(2) : attribute.group(3));
                }
            }
        }
        return hashes;
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
