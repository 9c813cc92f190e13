package org.triggerhappy.camel.evernote;

import com.evernote.thrift.TException;
import com.evernote.thrift.protocol.TBinaryProtocol;
import com.evernote.thrift.protocol.TList;
import com.evernote.thrift.protocol.TMap;
import com.evernote.thrift.protocol.TProtocolException;
import com.evernote.thrift.protocol.TSet;

/**
 * The SDK's binary protocol, reading strictly (a reply must start with the protocol version, so HTML's {@code <!DO}
 * is not taken for a string length of about 1 GB) and allocating nothing the reply cannot hold: a string, binary or
 * container whose length exceeds the bytes left in the (already complete) reply is refused before any allocation.
 */
final class BoundedBinaryProtocol extends TBinaryProtocol {

    private final EvernoteTransport transport;

    BoundedBinaryProtocol(EvernoteTransport transport) {
        super(transport, true, true);
        this.transport = transport;
    }

    @Override
    public String readString() throws TException {
        int size = readI32();
        checkReadLength(size);
        return readStringBody(size);
    }

    @Override
    protected void checkReadLength(int length) throws TException {
        bounded(length, "string");
    }

    @Override
    public TList readListBegin() throws TException {
        TList list = super.readListBegin();
        bounded(list.size, "list");
        return list;
    }

    @Override
    public TSet readSetBegin() throws TException {
        TSet set = super.readSetBegin();
        bounded(set.size, "set");
        return set;
    }

    @Override
    public TMap readMapBegin() throws TException {
        TMap map = super.readMapBegin();
        bounded(map.size, "map");
        return map;
    }

    /** Every element takes at least one byte, so no length can exceed what is left of the reply. */
    private void bounded(int length, String what) throws TProtocolException {
        if (length < 0) {
            throw new TProtocolException(TProtocolException.NEGATIVE_SIZE, "negative " + what + " length " + length);
        }
        if (length > transport.remaining()) {
            throw new TProtocolException(TProtocolException.SIZE_LIMIT, what + " length " + length
                    + " exceeds the " + transport.remaining() + " bytes left in the reply: not a Thrift reply");
        }
    }
}
