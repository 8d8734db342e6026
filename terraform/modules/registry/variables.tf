variable "name" {
  type        = string
  description = "Prefix of every repository name, e.g. fulfilment."
}

variable "services" {
  type        = set(string)
  description = "One image repository per service."
}

variable "keep_tagged_images" {
  type        = number
  description = "Tagged images kept per repository; older ones expire."
  default     = 30
}
