package org.triggerhappy.camel.evernote;

import com.evernote.edam.type.Data;
import com.evernote.edam.type.Resource;
import com.evernote.edam.type.ResourceAttributes;
import org.triggerhappy.camel.notes.NoteResource;

import java.util.ArrayList;
import java.util.List;

/** A note's images as EDAM Resources: body, MD5 bodyHash, size, MIME, natural size, source URL and file name. */
final class EvernoteResources {

    private EvernoteResources() {
    }

    static List<Resource> of(List<NoteResource> images) {
        List<Resource> resources = new ArrayList<>(images.size());
        for (NoteResource image : images) {
            resources.add(resource(image));
        }
        return resources;
    }

    private static Resource resource(NoteResource image) {
        Data data = new Data();
        data.setBody(image.data());
        data.setBodyHash(image.md5());
        data.setSize(image.data().length);
        Resource resource = new Resource();
        resource.setData(data);
        resource.setMime(image.mime());
        // EDAM keeps width and height as i16; a larger size is left to the client to read from the image
        if (fitsShort(image.width()) && fitsShort(image.height())) {
            resource.setWidth(image.width().shortValue());
            resource.setHeight(image.height().shortValue());
        }
        ResourceAttributes attributes = new ResourceAttributes();
        if (image.sourceUrl() != null) {
            attributes.setSourceURL(image.sourceUrl());
        }
        if (image.fileName() != null) {
            attributes.setFileName(image.fileName());
        }
        resource.setAttributes(attributes);
        return resource;
    }

    private static boolean fitsShort(Integer value) {
        return value != null && value > 0 && value <= Short.MAX_VALUE;
    }
}
