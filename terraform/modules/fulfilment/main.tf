# The whole system in one AWS account and region; envs/dev and envs/prod
# compose it with their own settings.

locals {
  services = {
    "order-service" = {
      paths    = ["/orders", "/orders/*"]
      priority = 10
      database = "orders"
      consumes = "order-events"
      sends_to = ["inventory-commands", "shipping-commands"]
    }
    "inventory-service" = {
      paths    = ["/inventory", "/inventory/*"]
      priority = 20
      database = null
      consumes = "inventory-commands"
      sends_to = ["order-events"]
    }
    "shipping-service" = {
      paths    = ["/shipments", "/shipments/*"]
      priority = 30
      database = "shipping"
      consumes = "shipping-commands"
      sends_to = ["order-events"]
    }
  }

  databases = { for service, settings in local.services : service => settings.database if settings.database != null }

  # The system's own metrics in CloudWatch (the services' collectors write them).
  metric_namespace = "OrderFulfilment/${var.name}"
}

module "network" {
  source = "../network"

  name                    = var.name
  region                  = var.region
  single_nat_gateway      = !var.production
  availability_zone_count = var.availability_zone_count
  interface_endpoints     = var.interface_endpoints
  flow_log_retention_days = var.log_retention_days
}

module "registry" {
  source = "../registry"

  name                = var.name
  services            = toset(keys(local.services))
  deletion_protection = var.production
}

module "cluster" {
  source = "../cluster"

  name                = var.name
  fargate_base        = coalesce(var.fargate_base, var.min_tasks)
  fargate_weight      = var.fargate_weight
  fargate_spot_weight = coalesce(var.fargate_spot_weight, var.production ? 0 : 1)
  container_insights  = var.container_insights
  log_retention_days  = var.log_retention_days
}

module "messaging" {
  source = "../messaging"

  name = var.name
}

module "database_logins" {
  source = "../database-logins"

  name                 = var.name
  service_databases    = local.databases
  recovery_window_days = var.production ? 7 : 0
}

module "data" {
  source = "../data"

  name                      = var.name
  region                    = var.region
  vpc_id                    = module.network.vpc_id
  private_subnet_ids        = module.network.private_subnet_ids
  service_databases         = local.databases
  service_login_secret_arns = module.database_logins.secret_arns
  max_capacity              = var.aurora_max_capacity
  instance_count            = var.aurora_instance_count
  min_capacity              = var.aurora_min_capacity
  deletion_protection       = var.production
  inventory_table_name      = "${var.name}-inventory"
  log_retention_days        = var.log_retention_days
}

module "identity" {
  source = "../identity"

  name                       = var.name
  region                     = var.region
  production                 = var.production
  domain_suffix              = var.cognito_domain_suffix
  email_sending_identity_arn = var.customer_email_identity_arn
  email_from_address         = var.customer_email_from_address
  customer_callback_urls     = module.web.callback_urls.shop
  back_office_callback_urls  = module.web.callback_urls.back_office
}

module "web" {
  source = "../web"

  name                = var.name
  api_url             = module.edge.url
  sign_in             = module.identity.web_sign_in
  sign_in_origins     = module.identity.login_origins
  deletion_protection = var.production
}

module "edge" {
  source = "../edge"

  name                      = var.name
  vpc_id                    = module.network.vpc_id
  public_subnet_ids         = module.network.public_subnet_ids
  hosted_zone_name          = var.hosted_zone_name
  domain_name               = var.domain_name
  deletion_protection       = var.production
  access_log_retention_days = var.log_retention_days
}

module "service" {
  source   = "../service"
  for_each = local.services

  name                   = var.name
  region                 = var.region
  service_name           = each.key
  cluster_arn            = module.cluster.cluster_arn
  cluster_name           = module.cluster.cluster_name
  vpc_id                 = module.network.vpc_id
  private_subnet_ids     = module.network.private_subnet_ids
  alb_security_group_id  = module.edge.alb_security_group_id
  alb_arn_suffix         = module.edge.alb_arn_suffix
  https_listener_arn     = module.edge.https_listener_arn
  test_listener_arn      = module.edge.test_listener_arn
  listener_rule_priority = each.value.priority
  path_patterns          = each.value.paths
  image                  = "${module.registry.repository_urls[each.key]}:${var.image_tag}"
  ecr_repository_arn     = module.registry.repository_arns[each.key]
  min_tasks              = var.min_tasks
  max_tasks              = var.max_tasks
  consumed_queue_name    = module.messaging.queue_names[each.value.consumes]
  log_retention_days     = var.log_retention_days
  task_policy_json       = data.aws_iam_policy_document.application[each.key].json
  metric_namespace       = local.metric_namespace

  exec_log_group_arn = module.cluster.exec_log_group_arn

  execute_command_enabled = coalesce(var.execute_command_enabled, !var.production)
  health_check_path       = var.health_check_path
  cpu                     = var.task_cpu
  memory                  = var.task_memory

  # Null or an object is known when planning, even while the group's id is not.
  database = each.value.database == null ? null : { security_group_id = module.data.database_security_group_id }

  environment = merge(
    {
      MESSAGING_QUEUES_INVENTORY_COMMANDS = module.messaging.queue_names["inventory-commands"]
      MESSAGING_QUEUES_SHIPPING_COMMANDS  = module.messaging.queue_names["shipping-commands"]
      MESSAGING_QUEUES_ORDER_EVENTS       = module.messaging.queue_names["order-events"]
    },
    each.value.database == null ? {} : {
      # TLS to Aurora, its certificate checked against the RDS authorities the image carries
      # (the Dockerfile's rds-ca stage) and its name against the endpoint's.
      QUARKUS_DATASOURCE_JDBC_URL = "${module.data.service_database_urls[each.key]}?sslmode=verify-full&sslrootcert=/usr/local/share/rds/rds-ca-bundle.pem"
      # Where Aurora pauses when idle, a service at rest leaves it alone: its timed jobs look
      # into the database once an hour (outbox Quiet, decision 0026).
      QUIET_ENABLED = tostring(var.aurora_min_capacity == 0)
    },
    each.key == "inventory-service" ? { INVENTORY_TABLE_NAME = module.data.inventory_table_name } : {},
    {
      # Access tokens of the two user pools (issuer, keys, expiry checked by
      # quarkus-oidc), from the app clients of this system only.
      QUARKUS_OIDC_CUSTOMERS_AUTH_SERVER_URL = module.identity.customers_issuer
      QUARKUS_OIDC_STAFF_AUTH_SERVER_URL     = module.identity.staff_issuer
      AUTH_CLIENT_IDS                        = join(",", module.identity.client_ids)
      # The web pages call the API from their own origin (CloudFront's): only it may.
      QUARKUS_HTTP_CORS_ENABLED = "true"
      QUARKUS_HTTP_CORS_ORIGINS = module.web.origin
    },
  )

  secrets = each.value.database == null ? {} : {
    QUARKUS_DATASOURCE_USERNAME = "${module.database_logins.secret_arns[each.key]}:username::"
    QUARKUS_DATASOURCE_PASSWORD = "${module.database_logins.secret_arns[each.key]}:password::"
  }
  secret_arns = each.value.database == null ? [] : [module.database_logins.secret_arns[each.key]]
}

module "observability" {
  source = "../observability"

  name                    = var.name
  region                  = var.region
  alarm_email             = var.alarm_email
  alb_arn_suffix          = module.edge.alb_arn_suffix
  cluster_name            = module.cluster.cluster_name
  queue_names             = module.messaging.queue_names
  dead_letter_queue_names = module.messaging.dead_letter_queue_names
  saga_log_group_name     = module.service["order-service"].log_group_name
  metric_namespace        = local.metric_namespace
  services = { for service, settings in local.services : service => {
    target_group_arn_suffixes = module.service[service].target_group_arn_suffixes
    log_group_name            = module.service[service].log_group_name
    has_outbox                = settings.database != null
  } }
}

module "pipeline" {
  source = "../pipeline"

  name                = var.name
  region              = var.region
  repository          = var.repository
  branch              = var.branch
  cluster_name        = module.cluster.cluster_name
  https_listener_arn  = module.edge.https_listener_arn
  test_listener_arn   = module.edge.test_listener_arn
  log_retention_days  = var.log_retention_days
  require_approval    = var.production
  deletion_protection = var.production
  web = {
    bucket_name      = module.web.bucket_name
    bucket_arn       = module.web.bucket_arn
    distribution_id  = module.web.distribution_id
    distribution_arn = module.web.distribution_arn
  }
  services = { for service, _ in local.services : service => {
    ecs_service_name       = module.service[service].service_name
    task_definition_family = module.service[service].task_definition_family
    execution_role_arn     = module.service[service].execution_role_arn
    task_role_arn          = module.service[service].task_role_arn
    target_group_names     = module.service[service].target_group_names
    repository_url         = module.registry.repository_urls[service]
    repository_arn         = module.registry.repository_arns[service]
    rollback_alarm_names   = module.observability.rollback_alarm_names[service]
    subnet_ids             = module.network.private_subnet_ids
    security_group_ids     = [module.service[service].security_group_id]
  } }
}
