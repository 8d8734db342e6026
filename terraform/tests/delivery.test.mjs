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

test("buildspec.yml tests, aborts on failure, reports JUnit and leaves every file each deployment needs", () => {
  const buildspec = yaml("buildspec.yml");
  assert.equal(buildspec.version, 0.2);
  assert.equal(buildspec.phases.install["runtime-versions"].java, "corretto21");
  assert.equal(buildspec.phases.install["runtime-versions"].nodejs, 20, "the tests run the DynamoDB emulator on Node.js 20");
  for (const phase of ["pre_build", "build", "post_build"]) assert.equal(buildspec.phases[phase]["on-failure"], "ABORT", phase);
  assert.ok(buildspec.phases.build.commands.includes("./mvnw -B -ntp verify"));
  assert.equal(buildspec.reports.tests["file-format"], "JUNITXML");
  assert.deepEqual(buildspec.env.variables.SERVICES.split(" "), SERVICES);

  const script = buildspec.phases.post_build.commands.join("\n");
  for (const file of ["imageDetail.json", "taskdef.json", "appspec.yml"]) {
    assert.match(script, new RegExp(`deploy/\\$service/${file.replace(".", "\\.")}`), `post_build writes ${file}`);
  }
  assert.match(script, /<IMAGE1_NAME>/, "taskdef.json gets the image placeholder CodeDeploy fills");
  const build = buildspec.phases.build.commands.join("\n");
  assert.match(build, /\$service\/src\/main\/docker\/Dockerfile\.jvm/);
  assert.ok(build.indexOf("aws ecr describe-images") >= 0 && build.indexOf("aws ecr describe-images") < build.indexOf("docker build"),
    "tags are immutable: a commit whose image exists (a re-run) is not built and pushed again");
  assert.match(script, /images-to-push[\s\S]*docker push/, "only images built in this run are pushed");

  const artifacts = buildspec.artifacts["secondary-artifacts"];
  for (const service of SERVICES) {
    const artifact = artifacts[service.replaceAll("-", "_")];
    assert.ok(artifact, `no artifact for ${service}`);
    assert.equal(artifact["base-directory"], `deploy/${service}`);
    assert.deepEqual([...artifact.files].sort(), ["appspec.yml", "imageDetail.json", "taskdef.json"]);
  }
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

test("appspec.yml is an ECS blue/green template for the container port", () => {
  const appspec = yaml("appspec.yml");
  assert.equal(appspec.version, 0.0);
  const target = appspec.Resources[0].TargetService;
  assert.equal(target.Type, "AWS::ECS::Service");
  assert.equal(target.Properties.TaskDefinition, "<TASK_DEFINITION>");
  assert.equal(target.Properties.LoadBalancerInfo.ContainerName, "CONTAINER_NAME");
  assert.equal(target.Properties.LoadBalancerInfo.ContainerPort, 8080);
});

test("each image runs as a non-root user, its API on 8080, its health checked on the management port 9000 with a command it installs", () => {
  for (const service of SERVICES) {
    const dockerfile = read(`${service}/src/main/docker/Dockerfile.jvm`);
    assert.match(dockerfile, /^FROM public\.ecr\.aws\//m, `${service}: base image from ECR Public`);
    assert.match(dockerfile, /^USER 185$/m, `${service}: non-root`);
    assert.match(dockerfile, /^EXPOSE 8080 9000$/m);
    assert.match(dockerfile, /QUARKUS_MANAGEMENT_PORT=9000/);
    assert.match(dockerfile, /HEALTHCHECK[\s\S]*CMD curl -fsS http:\/\/localhost:9000\/q\/health\/live/);
    assert.match(dockerfile, /dnf install[^\n]*curl-minimal/, `${service}: curl is installed`);
    assert.match(dockerfile, /-Djava\.io\.tmpdir=\/tmp/, `${service}: writes only to /tmp`);
    assert.match(dockerfile, /MaxRAMPercentage/, `${service}: heap sized from the container's memory`);
    assert.match(dockerfile, /-XX:TrimNativeHeapInterval=\d+/, `${service}: freed native memory returned to the system`);
  }
});

test("each image makes its JDK AOT cache with its own JDK (25 or later) and starts with it", () => {
  for (const service of SERVICES) {
    const dockerfile = read(`${service}/src/main/docker/Dockerfile.jvm`);
    const jdk = Number(dockerfile.match(/^FROM \S+amazoncorretto:(\d+)-/m)?.[1]);
    assert.ok(jdk >= 25, `${service}: a JDK with AOT cache output (JEP 514), not ${jdk}`);
    assert.match(dockerfile, /^RUN java [^\n]*-XX:AOTCacheOutput=app\.aot -Dquarkus\.appcds\.generate=true/m, `${service}: cache recorded in the image`);
    assert.match(dockerfile, /^ENTRYPOINT .*-XX:AOTCache=\/deployments\/app\.aot -jar \/deployments\/quarkus-run\.jar/m, `${service}: started with the cache`);
  }
});

test("docker-compose.yml runs the whole system with health-based start order", () => {
  const compose = yaml("docker-compose.yml");
  const services = compose.services;
  for (const name of ["postgres", "elasticmq", "dynamodb", ...SERVICES]) assert.ok(services[name], `${name} is missing`);
  assert.match(services.elasticmq.image, /^softwaremill\/elasticmq-native:/);
  assert.equal(services.dynamodb.build.context, "./dev-stack/dynamodb", "the project's DynamoDB emulator");
  assert.equal(services.dynamodb.image, undefined, "no third-party DynamoDB image");
  for (const service of SERVICES) {
    assert.equal(services[service].build.dockerfile, "src/main/docker/Dockerfile.jvm");
    assert.ok(services[service].healthcheck.test.join(" ").includes("/q/health/ready"), `${service} health check`);
    assert.equal(services[service].read_only, true);
  }
  assert.equal(services["order-service"].depends_on.postgres.condition, "service_healthy");
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
