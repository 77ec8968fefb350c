namespace CognitoClerk.Emulators;

/// <summary>How the <see cref="FakeCognitoServer"/> writes epoch-second timestamps.</summary>
public enum FakeCognitoTimestampStyle
{
    /// <summary>1682955829.578</summary>
    Decimal,

    /// <summary>1.682955829578E9, as some AWS answers carry them.</summary>
    Exponent,

    /// <summary>Decimal for creation dates, exponent for modification dates.</summary>
    Mixed,
}
