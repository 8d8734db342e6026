resource "aws_security_group" "service" {
  name        = "${var.name}-${var.service_name}"
  description = "${var.service_name}: its port from the load balancer only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  security_group_id            = aws_security_group.service.id
  description                  = "The container port from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = var.alb_security_group_id
}

# Out to its database, the VPC endpoints and, through NAT, the AWS APIs
# without an endpoint.
resource "aws_vpc_security_group_egress_rule" "out" {
  security_group_id = aws_security_group.service.id
  description       = "HTTPS and PostgreSQL out"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "to_database" {
  count = var.database_security_group_id == null ? 0 : 1

  security_group_id            = aws_security_group.service.id
  description                  = "PostgreSQL to its database"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.database_security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "database_from_service" {
  count = var.database_security_group_id == null ? 0 : 1

  security_group_id            = var.database_security_group_id
  description                  = "PostgreSQL from ${var.service_name}"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.service.id
}
