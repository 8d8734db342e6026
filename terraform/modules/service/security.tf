# A new group is made before the old one goes: running tasks keep the old one until the
# next deployment moves them (the appspec names the current group).
resource "aws_security_group" "service" {
  name_prefix = "${var.name}-${var.service_name}-"
  description = "${var.service_name}: its ports from the load balancer only"
  vpc_id      = var.vpc_id

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  # The API's port takes the requests; the management interface's port answers
  # the load balancer's health checks.
  ports_from_alb = {
    api    = local.api_port
    health = local.management_port
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  for_each = local.ports_from_alb

  security_group_id            = aws_security_group.service.id
  description                  = "The ${each.key} port from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
  referenced_security_group_id = var.alb_security_group_id
}

# The load balancer's security group has no egress of its own but these: it
# reaches each service's two ports and nothing else.
resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  for_each = local.ports_from_alb

  security_group_id            = var.alb_security_group_id
  description                  = "The load balancer to ${var.service_name}'s ${each.key} port"
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
  referenced_security_group_id = aws_security_group.service.id
}

# Out to its database, the VPC endpoints and, through NAT, the AWS APIs
# without an endpoint and the user pools' keys (JWKS).
resource "aws_vpc_security_group_egress_rule" "out" {
  security_group_id = aws_security_group.service.id
  description       = "HTTPS to the AWS APIs, the image registries and the user pools' keys"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "to_database" {
  count = var.database == null ? 0 : 1

  security_group_id            = aws_security_group.service.id
  description                  = "PostgreSQL to its database"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.database.security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "database_from_service" {
  count = var.database == null ? 0 : 1

  security_group_id            = var.database.security_group_id
  description                  = "PostgreSQL from ${var.service_name}"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.service.id
}
