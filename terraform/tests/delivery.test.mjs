// The delivery files: buildspec.yml, appspec.yml, the Dockerfiles and
// docker-compose.yml parse, hold what CodeBuild, CodeDeploy and Compose need,
// and agree with each other and with the pipeline's Terraform.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const read = (file) => fs.readFileSync(path.join(root, file), "utf8");
const yaml = (file) => YAML.parse(read(file), { merge: true });
const SERVICES = ["order-service", "inventory-service", "shipping-service"];

test("buildspec.yml tests, aborts on failure, reports JUnit, pushes the images and keeps their bills of materials", () => {
  const buildspec = yaml("buildspec.yml");
  assert.equal(buildspec.version, 0.2);
  assert.equal(buildspec.phases.install["runtime-versions"].java, "corretto21");
  assert.ok(buildspec.phases.install["runtime-versions"].nodejs >= 22, "Vite 8 wants Node.js 20.19+; the image's 20 is not pinned to a minor");
  for (const phase of ["pre_build", "build"]) assert.equal(buildspec.phases[phase]["on-failure"], "ABORT", phase);
  assert.ok(buildspec.phases.build.commands.includes("./mvnw -B -ntp verify"));
  assert.equal(buildspec.reports.tests["file-format"], "JUNITXML");
  assert.deepEqual(buildspec.env.variables.SERVICES.split(" "), SERVICES);

  const install = buildspec.phases.install.commands.join("\n");
  for (const tool of ["terraform", "tflint"]) {
    assert.match(install, new RegExp(`curl[^\\n]*${tool}[\\s\\S]*sha256sum -c`), `${tool} is checked against its release's checksums`);
  }
  const build = buildspec.phases.build.commands.join("\n");
  assert.match(build, /docker build --target service --build-arg "SERVICE=\$service" -t "\$repository:\$IMAGE_TAG" \.$/m,
    "the Dockerfile's service target, as .ci/run builds it with compose");
  assert.match(build, /docker cp "\$container:\/sbom\/\$service\.cdx\.json" "images\/\$service\.cdx\.json"/,
    "each image's bill of materials kept beside it");
  assert.ok(build.indexOf("aws ecr describe-images") >= 0 && build.indexOf("aws ecr describe-images") < build.indexOf("docker build"),
    "tags are immutable: a commit whose image exists (a re-run) is not built and pushed again");
  assert.match(buildspec.phases.pre_build.commands.join("\n"), /IMAGE_TAG="\$\{COMMIT_ID:0:12\}"/, "the tag is the Source action's commit");
  assert.doesNotMatch(JSON.stringify(buildspec), /taskdef\.json|imageDetail\.json|describe-task-definition/,
    "what a deployment runs is written after the approval (the pipeline's Release project), not by the commit's own build");
  assert.deepEqual(buildspec.artifacts, { "base-directory": "images", files: ["*.cdx.json"] });
});

test("the pipeline's deploy actions use the artifacts and placeholders buildspec.yml produces", () => {
  const pipeline = read("terraform/modules/pipeline/pipeline.tf");
  assert.match(pipeline, /output_artifacts = \[for service, _ in var\.services : replace\(service, "-", "_"\)\]/);
  assert.match(pipeline, /TaskDefinitionTemplatePath\s+= "taskdef\.json"/);
  assert.match(pipeline, /AppSpecTemplatePath\s+= "appspec\.yml"/);
  assert.match(pipeline, /Image1ContainerName\s+= "IMAGE1_NAME"/);
  const services = read("terraform/modules/fulfilment/main.tf");
  for (const service of SERVICES) assert.match(services, new RegExp(`"${service}" = \\{`));
});

test("appspec.yml is an ECS blue/green template for the container port and the network Terraform gives the tasks", () => {
  const appspec = yaml("appspec.yml");
  assert.equal(appspec.version, 0.0);
  const target = appspec.Resources[0].TargetService;
  assert.equal(target.Type, "AWS::ECS::Service");
  assert.equal(target.Properties.TaskDefinition, "<TASK_DEFINITION>");
  assert.equal(target.Properties.LoadBalancerInfo.ContainerName, "CONTAINER_NAME");
  assert.equal(target.Properties.LoadBalancerInfo.ContainerPort, 8080);
  // Terraform review A4: subnets and security groups reach a blue/green service through its deployments.
  const network = target.Properties.NetworkConfiguration.AwsvpcConfiguration;
  assert.deepEqual(network, { Subnets: "SUBNETS", SecurityGroups: "SECURITY_GROUPS", AssignPublicIp: "DISABLED" });
  const release = read("terraform/modules/pipeline/build.tf");
  for (const placeholder of ["CONTAINER_NAME", "SUBNETS", "SECURITY_GROUPS"]) {
    assert.match(release, new RegExp(`-e "s/${placeholder}/`), `the Release project fills in ${placeholder}`);
  }
});

// The images are built and run by .ci/run's compose stage, whose system tests (ContainersIT
// among them) check what a running container shows; these rules hold what only the files say.
const dockerfile = read("Dockerfile");
const stage = (name) => {
  const start = dockerfile.search(new RegExp(`^FROM \\S+ AS ${name}$`, "m"));
  assert.ok(start >= 0, `the Dockerfile has a ${name} stage`);
  const next = dockerfile.slice(start + 1).search(/^FROM /m);
  return next < 0 ? dockerfile.slice(start) : dockerfile.slice(start, start + 1 + next);
};

test("every image starts from one Debian base, pinned by a dated tag, and the images that ship from Debian's packages", () => {
  const base = dockerfile.match(/^ARG DEBIAN_IMAGE=(\S+)$/m)?.[1];
  assert.match(base ?? "", /^public\.ecr\.aws\/docker\/library\/debian:[a-z]+-\d{8}-slim(@sha256:[0-9a-f]{64})?$/,
    "Debian slim by its dated tag (or digest), from ECR Public");
  for (const [, image] of dockerfile.matchAll(/^FROM (\S+)/gm)) {
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((match) => match[1]);
    assert.ok(image === "${DEBIAN_IMAGE}" || stages.includes(image), `FROM ${image}: the base or a stage of this file`);
  }
  assert.doesNotMatch(dockerfile, /^# ?syntax=/m, "no Dockerfile frontend from a registry");
});

test("compose runs the PostgreSQL major Aurora runs", () => {
  const aurora = read("terraform/modules/data/variables.tf")
    .match(/variable "engine_major_version" \{[^}]*default\s*=\s*"(\d+)"/)?.[1];
  assert.ok(aurora, "engine_major_version has a default");
  assert.match(stage("postgres"), new RegExp(`install[^\\n]*postgresql-${aurora}\\b`));
  assert.match(stage("postgres"), new RegExp(`/usr/lib/postgresql/${aurora}/bin`));
});

test("the service image runs as a non-root user, its API on 8080, its health checked on the management port 9000", () => {
  const service = stage("service");
  assert.match(service, /^FROM jre AS service$/m);
  assert.match(stage("jre"), /openjdk-25-jre-headless/, "a JRE with AOT cache output (JEP 514)");
  assert.match(service, /^USER 185$/m, "non-root");
  assert.match(service, /^EXPOSE 8080 9000$/m);
  assert.match(service, /QUARKUS_MANAGEMENT_PORT=9000/);
  assert.match(service, /HEALTHCHECK[\s\S]*CMD curl -fsS http:\/\/localhost:9000\/q\/health\/live/);
  assert.match(service, /-Djava\.io\.tmpdir=\/tmp/, "writes only to /tmp");
  assert.match(service, /MaxRAMPercentage/, "heap sized from the container's memory");
  assert.match(service, /^RUN java [^\n]*-XX:AOTCacheOutput=app\.aot -Dquarkus\.appcds\.generate=true/m, "cache recorded in the image");
  assert.match(service, /^ENTRYPOINT .*-XX:AOTCache=\/deployments\/app\.aot -jar \/deployments\/quarkus-run\.jar/m);
  assert.match(service, /\/sbom\/\$\{SERVICE\}\.cdx\.json/, "the service's bill of materials in the image");
});

test("docker-compose.yml runs the whole system from this repository's Dockerfile, on this machine's ports only", () => {
  const compose = yaml("docker-compose.yml");
  const services = compose.services;
  const all = ["postgres", "sqs", "dynamodb", "web", ...SERVICES, "zipkin", "prometheus"];
  assert.deepEqual(Object.keys(services).sort(), [...all].sort());
  for (const [name, service] of Object.entries(services)) {
    assert.equal(service.image, undefined, `${name}: built here, no third-party image`);
    assert.equal(service.build.context, ".", name);
    assert.match(dockerfile, new RegExp(`^FROM \\S+ AS ${service.build.target}$`, "m"), `${name}: a target of the Dockerfile`);
    for (const port of service.ports ?? []) assert.match(port, /^127\.0\.0\.1:/, `${name}: ${port} on this machine only`);
  }
  for (const service of SERVICES) {
    assert.equal(services[service].build.args.SERVICE, service);
    assert.ok(services[service].healthcheck.test.join(" ").includes("/q/health/ready"), `${service} health check`);
    assert.equal(services[service].read_only, true);
    assert.equal(services[service].depends_on.web.condition, "service_healthy", `${service} fetches the sign-in's keys`);
  }
  assert.equal(services["order-service"].depends_on.postgres.condition, "service_healthy");
  assert.deepEqual(Object.keys(compose.volumes).sort(), ["dynamodb-data", "issuer", "postgres-data", "sqs-data"]);
  const init = read("dev-stack/compose/postgres-init.sql");
  assert.match(init, /CREATE DATABASE orders/);
  assert.match(init, /CREATE DATABASE shipping/);
});

test("each service stops within the task's stopTimeout: HTTP drain, then consumer, then relay, one after the other", () => {
  const taskDefinition = read("terraform/modules/service/task_definition.tf");
  const stopTimeout = Number(taskDefinition.match(/stopTimeout\s*=\s*(\d+)/)[1]);
  const consumerGrace = read("service-support/src/main/java/dev/fulfilment/support/messaging/MessagingConfig.java")
    .match(/@WithDefault\("(\d+)s"\)\s*Duration shutdownGracePeriod/);
  assert.ok(consumerGrace, "MessagingConfig names the consumer's shutdown grace period");
  const relayJoin = read("outbox/src/main/java/dev/fulfilment/outbox/OutboxRelay.java")
    .match(/relayThread\.join\(Duration\.ofSeconds\((\d+)\)\)/);
  assert.ok(relayJoin, "OutboxRelay names how long a stop waits for the relay");
  const shared = read("service-support/src/main/resources/META-INF/microprofile-config.properties");
  const httpDrain = Number(shared.match(/^quarkus\.shutdown\.timeout=(\d+)s$/m)[1]);
  // Quarkus waits for HTTP requests first; the consumer and the relay stop on the
  // ShutdownEvent that follows: the phases add up.
  const worstCase = httpDrain + Number(consumerGrace[1]) + Number(relayJoin[1]);
  assert.ok(worstCase < stopTimeout,
    `HTTP ${httpDrain}s + consumer ${consumerGrace[1]}s + relay ${relayJoin[1]}s < ECS stopTimeout ${stopTimeout}s`);
  for (const service of SERVICES) {
    const properties = read(`${service}/src/main/resources/application.properties`);
    assert.doesNotMatch(properties, /^quarkus\.shutdown\.timeout=/m,
      `${service} keeps service-support's shutdown timeout`);
  }
});
