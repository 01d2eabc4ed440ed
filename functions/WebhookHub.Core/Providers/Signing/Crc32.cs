namespace WebhookHub.Providers;

/// <summary>
/// CRC-32 (IEEE 802.3: reflected polynomial <c>0xEDB88320</c>, initial value and final XOR <c>0xFFFFFFFF</c>), the checksum
/// PayPal puts in the string it signs. Table-driven; System.IO.Hashing is not in the package source.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Returns the CRC-32 of <paramref name="data"/> (for <c>"123456789"</c> it is <c>0xCBF43926</c>).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
