using System;
using System.Collections.Generic;
using System.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Counts a journal's records per Clerk instance as it is read, from each line's instance_id bytes. A journal
    /// names one or two instances over a million lines, so the count runs on while the instance stays the same, and a
    /// string of the instance id is made only when it changes: no string per line.
    /// </summary>
    internal sealed class JournalInstanceTally
    {
        private readonly Dictionary<string, int> _counts;
        private byte[] _current = Array.Empty<byte>();
        private string? _currentId;
        private int _run;

        public JournalInstanceTally(Dictionary<string, int> counts)
        {
            _counts = counts;
        }

        /// <summary>One more record of this instance.</summary>
        public void Add(ReadOnlySpan<byte> instanceId)
        {
            if (_currentId == null || !instanceId.SequenceEqual(_current))
            {
                Flush();
                _current = instanceId.ToArray();
                _currentId = Encoding.UTF8.GetString(_current);
            }

            _run++;
        }

        /// <summary>Adds the records counted since the instance last changed; call once after the last line.</summary>
        public void Flush()
        {
            if (_currentId != null && _run > 0)
            {
                _counts.TryGetValue(_currentId, out int count);
                _counts[_currentId] = count + _run;
            }

            _run = 0;
        }
    }
}
