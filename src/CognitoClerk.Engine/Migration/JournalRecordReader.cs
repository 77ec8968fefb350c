using System;
using System.IO;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Reads the journal line at a file offset, through a read-only handle of its own, so the index can keep an
    /// offset per user instead of the record. Records are only ever appended, so an offset the index took keeps
    /// pointing at the same line for as long as the journal is open.
    /// <para>
    /// It reads a 4 KB block at a time and answers from the last block while the line asked for lies whole in it:
    /// a re-run meets its users in about the order the journal holds them, so about fifteen lookups share one read,
    /// and a lookup in another order costs one positioned read of a page.
    /// </para>
    /// </summary>
    internal sealed class JournalRecordReader : IDisposable
    {
        private const int BlockBytes = 4096;

        private readonly FileStream _file;
        private byte[] _block = new byte[BlockBytes];
        private long _blockOffset;
        private int _blockLength;
        private bool _blockEndsUnended;

        public JournalRecordReader(string path)
        {
            // Shared for reading, writing and deleting: this run's own writer, a -WhatIf beside a real run, or an
            // admin moving the file away must not be refused because of this handle. Unbuffered: the block is the buffer.
            _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.RandomAccess);
        }

        /// <summary>
        /// The line at <paramref name="offset"/>, without its line end; false when it cannot be read (the file was cut
        /// short or is gone, or the line is longer than a record can be). Valid until the next call.
        /// </summary>
        public bool TryReadLineAt(long offset, out ReadOnlySpan<byte> line)
        {
            if (!TryLineInBlock(offset, out line) && !(TryReadBlock(offset) && TryLineInBlock(offset, out line)))
            {
                return false;
            }

            if (_blockEndsUnended)
            {
                // Given up once read, so that the next lookup sees what was written after it.
                _blockLength = 0;
                _blockEndsUnended = false;
            }

            if (line.Length > 0 && line[line.Length - 1] == (byte)'\r')
            {
                line = line.Slice(0, line.Length - 1);
            }

            return true;
        }

        public void Dispose() => _file.Dispose();

        /// <summary>The line, when the block holds it from <paramref name="offset"/> to its end (or to the end of the file).</summary>
        private bool TryLineInBlock(long offset, out ReadOnlySpan<byte> line)
        {
            line = default;
            long start = offset - _blockOffset;
            if (start < 0 || start >= _blockLength)
            {
                return false;
            }

            int newline = Array.IndexOf(_block, (byte)'\n', (int)start, _blockLength - (int)start);
            if (newline < 0)
            {
                return false;
            }

            line = _block.AsSpan((int)start, newline - (int)start);
            return true;
        }

        /// <summary>Reads from <paramref name="offset"/> until a line end (growing the block for a long line) or the end of the file.</summary>
        private bool TryReadBlock(long offset)
        {
            _blockLength = 0;
            _blockEndsUnended = false;
            _blockOffset = offset;
            try
            {
                _file.Seek(offset, SeekOrigin.Begin);
                while (true)
                {
                    if (_blockLength == _block.Length)
                    {
                        if (_block.Length >= JournalLineScanner.MaxLineBytes)
                        {
                            _blockLength = 0;
                            return false;
                        }

                        Array.Resize(ref _block, _block.Length * 2);
                    }

                    int read = _file.Read(_block, _blockLength, _block.Length - _blockLength);
                    int newline = Array.IndexOf(_block, (byte)'\n', _blockLength, read);
                    _blockLength += read;
                    if (newline >= 0)
                    {
                        return true;
                    }

                    if (read == 0)
                    {
                        // The last line has no end (an editor dropped it, or a run is writing it): it is the line
                        // all the same, as when the journal was opened.
                        if (_blockLength == 0)
                        {
                            return false;
                        }

                        if (_blockLength == _block.Length)
                        {
                            Array.Resize(ref _block, _block.Length + 1);
                        }

                        _block[_blockLength++] = (byte)'\n';
                        _blockEndsUnended = true;
                        return true;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is UnauthorizedAccessException)
            {
                // The journal is an optimisation: a line that cannot be read is a user the index cannot vouch for.
                _blockLength = 0;
                return false;
            }
        }
    }
}
