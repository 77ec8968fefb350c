using System;
using System.Buffers;
using System.IO;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Reads a journal from start to end one line at a time, in 64 KB blocks from a pooled buffer, handing out each
    /// line as bytes with its offset in the file (where <see cref="JournalRecordReader"/> finds it again). A line
    /// ends at <c>\n</c>; a <c>\r</c> before it is left out; the last line may have no end (torn by a crash).
    /// A line longer than <see cref="MaxLineBytes"/> is not a record of this module (they are about 300 bytes), and
    /// is stepped over without being held, so no line can make opening a journal take unbounded memory.
    /// </summary>
    internal sealed class JournalLineScanner : IDisposable
    {
        /// <summary>The longest line read as a possible record.</summary>
        public const int MaxLineBytes = 1 << 20;

        private const int BlockBytes = 1 << 16;

        private readonly Stream _stream;
        private byte[] _buffer;
        private long _bufferOffset;
        private int _start;
        private int _end;
        private bool _endOfFile;

        /// <summary>Reads <paramref name="stream"/> from its position, which is <paramref name="offset"/> in the file.</summary>
        public JournalLineScanner(Stream stream, long offset)
        {
            _stream = stream;
            _bufferOffset = offset;
            _buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        }

        /// <summary>
        /// The next line and its offset; false at the end of the file. <paramref name="tooLong"/> says the line was
        /// longer than <see cref="MaxLineBytes"/> and skipped (then <paramref name="line"/> is empty). The line's bytes
        /// stay valid until the next call.
        /// </summary>
        public bool TryReadLine(out ReadOnlySpan<byte> line, out long offset, out bool tooLong)
        {
            tooLong = false;
            while (true)
            {
                int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0 || (_endOfFile && _start < _end))
                {
                    int length = newline >= 0 ? newline : _end - _start;
                    offset = _bufferOffset + _start;
                    line = TrimCarriageReturn(_buffer.AsSpan(_start, length));
                    _start += newline >= 0 ? length + 1 : length;
                    return true;
                }

                if (_endOfFile)
                {
                    line = default;
                    offset = _bufferOffset + _start;
                    return false;
                }

                if (_end - _start >= MaxLineBytes)
                {
                    offset = _bufferOffset + _start;
                    SkipRestOfLine();
                    tooLong = true;
                    line = default;
                    return true;
                }

                Fill();
            }
        }

        public void Dispose()
        {
            byte[] buffer = _buffer;
            _buffer = Array.Empty<byte>();
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
            line.Length > 0 && line[line.Length - 1] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;

        /// <summary>Moves the unread part to the front, makes room (a larger pooled buffer for a long line) and reads a block.</summary>
        private void Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _bufferOffset += _start;
                _end -= _start;
                _start = 0;
            }

            if (_buffer.Length - _end < BlockBytes / 2)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfFile = true;
            }

            _end += read;
        }

        /// <summary>Drops the long line's bytes, block by block, up to and including its end.</summary>
        private void SkipRestOfLine()
        {
            while (true)
            {
                int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    _start += newline + 1;
                    return;
                }

                _bufferOffset += _end;
                _start = 0;
                _end = 0;
                if (_endOfFile)
                {
                    return;
                }

                Fill();
            }
        }
    }
}
