using System.Collections.Generic;
using System.Text.Json;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// Clerk keeps at most 8 KB of metadata per user, public, private and unsafe together ("Metadata is
    /// limited to 8KB maximum", Clerk's user metadata guide). Measured as Clerk receives it: the UTF-8 bytes of
    /// each object's compact JSON, added up; a user over it is not sent, because Clerk would refuse it.
    /// </summary>
    public static class ClerkMetadataLimit
    {
        public const int MaxBytes = 8 * 1024;

        public static int MeasureBytes(ClerkCreateUserRequest request)
        {
            if (request == null)
            {
                throw new System.ArgumentNullException(nameof(request));
            }

            return Measure(request.PublicMetadata) + Measure(request.PrivateMetadata) + Measure(request.UnsafeMetadata);
        }

        public static bool Exceeds(ClerkCreateUserRequest request, out int bytes)
        {
            bytes = MeasureBytes(request);
            return bytes > MaxBytes;
        }

        private static int Measure(IDictionary<string, object?>? metadata) =>
            metadata == null ? 0 : JsonSerializer.SerializeToUtf8Bytes(metadata, ClerkWire.Options).Length;
    }
}
