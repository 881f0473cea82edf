-- Customers (PRODUCT.md § Canonical data). One row per customer with any order up to as_of:
-- net revenue in the analysis window (0 <= days_before < window_days), exact DECIMAL.
with
orders_to_as_of as (
    select customer, customer_name, order_date, amount, date_diff('day', order_date, $as_of) as days_before
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where order_date <= $as_of
),

per_customer as (
    select
        customer,
        arg_max(customer_name, order_date) filter (where customer_name is not null) as customer_name,
        coalesce(sum(amount) filter (where days_before < $window_days), 0)::decimal(18, 2) as revenue,
        max(order_date) as last_order_date
    from orders_to_as_of
    group by customer
)

select * from per_customer
order by revenue desc, customer asc
